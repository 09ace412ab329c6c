//! Start at login on macOS: a per-user launch agent, `~/Library/LaunchAgents/org.limber.Limber.plist`,
//! which launchd reads at login and which runs Limber with [`MINIMIZED_FLAG`]. The file follows
//! Apple's documented property-list format for launchd jobs (`man launchd.plist`): a `Label`
//! equal to the file's name, the program and its argument in `ProgramArguments`, and
//! `RunAtLoad` so that it starts at login. It is written atomically and removed when the switch
//! is turned off.
//!
//! Not tried on a Mac (none is available where Limber is built): the text and the file's
//! writing and removal are tested on every platform, in a temporary folder.
//!
//! The plist is eleven fixed lines around one path, so it is written here, with the path
//! escaped for XML, rather than through a property-list crate that would add an XML and a date
//! stack to the core on every platform.

use std::path::{Path, PathBuf};

use super::{AutostartError, MINIMIZED_FLAG};

/// The launchd label, also the file's name without `.plist`: the app's one id.
pub const LABEL: &str = "org.limber.Limber";

/// Where launch agents live under the person's home folder.
pub fn agents_dir(home: &Path) -> PathBuf {
    home.join("Library").join("LaunchAgents")
}

/// The launch agent's file under `agents_dir`.
pub fn agent_path(agents_dir: &Path) -> PathBuf {
    agents_dir.join(format!("{LABEL}.plist"))
}

/// `text` with the five characters XML gives a meaning replaced by their entities.
fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The property list of the launch agent that runs `program` minimised at login.
pub fn plist(program: &Path) -> Result<String, AutostartError> {
    let text = program
        .to_str()
        .filter(|text| !text.is_empty() && !text.contains(['\0', '\n', '\r']))
        .ok_or_else(|| AutostartError::UnusableProgramPath {
            path: program.to_owned(),
        })?;
    Ok(format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>Label</key>
	<string>{LABEL}</string>
	<key>ProgramArguments</key>
	<array>
		<string>{}</string>
		<string>{MINIMIZED_FLAG}</string>
	</array>
	<key>RunAtLoad</key>
	<true/>
</dict>
</plist>
"#,
        xml_text(text)
    ))
}

/// Writes (when `on`) or removes (when not) the launch agent under `agents_dir` that runs
/// `program`. Removing an agent that is not there is not an error.
pub fn set(agents_dir: &Path, on: bool, program: &Path) -> Result<(), AutostartError> {
    let text = if on { Some(plist(program)?) } else { None };
    super::put_entry(&agent_path(agents_dir), text.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plist_names_the_program_and_runs_it_at_load() {
        let text = plist(Path::new("/Applications/Limber.app/Contents/MacOS/limber")).unwrap();
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist"));
        assert!(text.contains("<key>Label</key>\n\t<string>org.limber.Limber</string>"));
        assert!(text.contains(
            "<array>\n\t\t<string>/Applications/Limber.app/Contents/MacOS/limber</string>\n\t\t<string>--minimized</string>\n\t</array>"
        ));
        assert!(text.contains("<key>RunAtLoad</key>\n\t<true/>"));
        assert!(text.ends_with("</dict>\n</plist>\n"));
    }

    #[test]
    fn a_path_with_xml_characters_is_escaped_and_a_line_break_refused() {
        let text = plist(Path::new("/Users/zoë/Apps & <Tools>/limber")).unwrap();
        assert!(text.contains("<string>/Users/zoë/Apps &amp; &lt;Tools&gt;/limber</string>"));
        assert!(matches!(
            plist(Path::new("/tmp/a\nb")),
            Err(AutostartError::UnusableProgramPath { .. })
        ));
    }

    #[test]
    fn the_agent_is_written_and_removed_leaving_no_trace() {
        let home = tempfile::tempdir().unwrap();
        let dir = agents_dir(home.path());
        let program = Path::new("/Applications/Limber.app/Contents/MacOS/limber");
        set(&dir, true, program).unwrap();
        let path = home
            .path()
            .join("Library/LaunchAgents/org.limber.Limber.plist");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            plist(program).unwrap()
        );
        set(&dir, true, program).unwrap();
        set(&dir, false, program).unwrap();
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
        set(&dir, false, program).unwrap();
    }
}

//! One Limber per data folder: a second launch of the window on the same data folder hands
//! over to the running one (which shows its window) and exits.
//!
//! The running Limber listens on a local socket whose name is a hash of the canonical data
//! folder, so a Limber on a demo folder (`--data-dir`) never answers for the person's own. On
//! Linux and the other Unixes the socket is a file in the runtime folder (`$XDG_RUNTIME_DIR`,
//! which only the person may open; the temp folder where there is none); on Windows it is a
//! named pipe. Which launch listens is decided by a lock file next to the socket, held for the
//! process's life: the system lets it go when a Limber ends, even by a crash, so a stale socket
//! left by a crash is simply replaced.
//!
//! The request is one line of text (`show`, then the screen asked for and the launcher's
//! activation token, tab-separated), and the answer is `ok`. Nothing here touches egui: the
//! listener hands each request to a callback, which wakes the window.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use interprocess::local_socket::prelude::*;
use interprocess::local_socket::{ListenerOptions, Name, Stream};

/// What a second launch asks of the running Limber: show the window, on this screen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HandOver {
    /// The screen asked for on the command line (`--screen`), by name.
    pub screen: Option<String>,
    /// The launcher's activation token (`XDG_ACTIVATION_TOKEN` on Wayland), passed on so the
    /// running window could use it.
    pub activation_token: Option<String>,
}

/// The longest request line read; anything longer is not a Limber's.
const MAX_REQUEST_BYTES: u64 = 4096;

/// How long a second launch waits for the running Limber to answer. It answers within a few
/// milliseconds once its window is open; the first start can take a second or two on a slow
/// machine (the socket exists from the start and the request waits in it).
const ANSWER_WAIT: Duration = Duration::from_secs(5);

/// How long a second launch keeps trying to connect while the first one, which holds the lock,
/// is still creating its socket.
const CONNECT_WAIT: Duration = Duration::from_secs(2);

impl HandOver {
    /// The request as one line.
    fn to_line(&self) -> String {
        format!(
            "show\tscreen={}\ttoken={}\n",
            clean(self.screen.as_deref()),
            clean(self.activation_token.as_deref())
        )
    }

    /// Reads a request line; `None` when it is not one.
    fn parse(line: &str) -> Option<HandOver> {
        let mut fields = line.trim_end_matches(['\n', '\r']).split('\t');
        if fields.next()? != "show" {
            return None;
        }
        let mut request = HandOver::default();
        for field in fields {
            let (key, value) = field.split_once('=')?;
            let value = (!value.is_empty()).then(|| value.to_owned());
            match key {
                "screen" => request.screen = value,
                "token" => request.activation_token = value,
                // A newer Limber may say more; what this one knows is still done.
                _ => {}
            }
        }
        Some(request)
    }
}

/// A field of the request line: never a tab or a line break, which end fields and lines.
fn clean(value: Option<&str>) -> String {
    value
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

/// Where the Limber of one data folder listens.
#[derive(Clone, Debug)]
pub struct Endpoint {
    /// A hash of the canonical data folder, as 16 hex digits.
    key: String,
    /// The folder of the socket and of the lock file.
    dir: PathBuf,
}

impl Endpoint {
    /// The endpoint of `data_dir`, keyed on its canonical path (links resolved), so that two
    /// spellings of one folder meet and two folders never do. A folder that does not exist yet
    /// is created first, as the store would.
    pub fn for_data_dir(data_dir: &Path) -> Endpoint {
        // An error here is the store's to report, when it opens the folder.
        if let Err(err) = std::fs::create_dir_all(data_dir) {
            log::debug!("the data folder could not be created yet: {err}");
        }
        let canonical = std::fs::canonicalize(data_dir)
            .or_else(|_| std::path::absolute(data_dir))
            .unwrap_or_else(|_| data_dir.to_owned());
        let dir = directories::BaseDirs::new()
            .and_then(|dirs| dirs.runtime_dir().map(Path::to_owned))
            .unwrap_or_else(std::env::temp_dir);
        Endpoint::at(&canonical, dir)
    }

    /// The endpoint of the canonical data folder `canonical`, with its files in `dir`.
    fn at(canonical: &Path, dir: PathBuf) -> Endpoint {
        Endpoint {
            key: format!("{:016x}", fnv1a(canonical.as_os_str().as_encoded_bytes())),
            dir,
        }
    }

    /// The lock file that says which Limber listens.
    pub fn lock_path(&self) -> PathBuf {
        self.dir.join(format!("limber-{}.lock", self.key))
    }

    /// The socket file (Unix) the running Limber listens on.
    #[cfg(unix)]
    pub fn socket_path(&self) -> PathBuf {
        self.dir.join(format!("limber-{}.sock", self.key))
    }

    #[cfg(unix)]
    fn name(&self) -> io::Result<Name<'static>> {
        use interprocess::local_socket::GenericFilePath;
        Ok(self
            .socket_path()
            .to_fs_name::<GenericFilePath>()?
            .into_owned())
    }

    #[cfg(not(unix))]
    fn name(&self) -> io::Result<Name<'static>> {
        use interprocess::local_socket::GenericNamespaced;
        Ok(format!("limber-{}", self.key)
            .to_ns_name::<GenericNamespaced>()?
            .into_owned())
    }
}

/// FNV-1a, 64 bits: a hash that stays the same across Rust versions, so two Limber builds
/// agree on the name (the standard library's hasher may change between releases).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The outcome of [`claim`].
pub enum Claim {
    /// No Limber runs on this data folder: this one listens (see [`Primary::listen`]).
    First(Primary),
    /// The running Limber took the request: this launch has nothing more to do.
    HandedOver,
    /// A Limber runs on this data folder but did not answer; the reason, in words.
    Unanswered(String),
    /// The hand-over could not be set up (no folder for the lock, say); the reason, in words.
    Unavailable(String),
}

/// Becomes the Limber that listens for `endpoint`, or hands `request` over to the one that
/// already does.
pub fn claim(endpoint: &Endpoint, request: &HandOver) -> Claim {
    let lock_path = endpoint.lock_path();
    let lock = match File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
    {
        Ok(file) => file,
        Err(err) => return Claim::Unavailable(format!("{err} ({})", lock_path.display())),
    };
    match lock.try_lock() {
        Ok(()) => match listen_on(endpoint) {
            Ok(listener) => Claim::First(Primary { lock, listener }),
            Err(err) => Claim::Unavailable(format!("{err} ({})", lock_path.display())),
        },
        Err(std::fs::TryLockError::WouldBlock) => match hand_over(endpoint, request) {
            Ok(()) => Claim::HandedOver,
            Err(err) => Claim::Unanswered(err.to_string()),
        },
        Err(std::fs::TryLockError::Error(err)) => {
            Claim::Unavailable(format!("{err} ({})", lock_path.display()))
        }
    }
}

/// Creates the socket; one left by a Limber that crashed (whose lock the system let go) is
/// replaced.
fn listen_on(endpoint: &Endpoint) -> io::Result<interprocess::local_socket::Listener> {
    ListenerOptions::new()
        .name(endpoint.name()?)
        .try_overwrite(true)
        .max_spin_time(Duration::from_secs(1))
        .create_sync()
}

/// Sends `request` to the Limber that holds the lock and waits for its `ok`.
fn hand_over(endpoint: &Endpoint, request: &HandOver) -> io::Result<()> {
    let name = endpoint.name()?;
    let started = Instant::now();
    // The first Limber takes the lock just before it creates the socket.
    let stream = loop {
        match Stream::connect(name.borrow()) {
            Ok(stream) => break stream,
            Err(err) if started.elapsed() >= CONNECT_WAIT => return Err(err),
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    };
    stream.set_send_timeout(Some(ANSWER_WAIT))?;
    stream.set_recv_timeout(Some(ANSWER_WAIT))?;
    (&stream).write_all(request.to_line().as_bytes())?;
    let mut answer = String::new();
    BufReader::new((&stream).take(MAX_REQUEST_BYTES)).read_line(&mut answer)?;
    if answer.trim_end() == "ok" {
        Ok(())
    } else {
        Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("unexpected answer {answer:?}"),
        ))
    }
}

/// The Limber that listens: holds the lock and the socket until the process ends.
pub struct Primary {
    lock: File,
    listener: interprocess::local_socket::Listener,
}

impl Primary {
    /// Answers second launches on a thread of its own, handing each request to `on_request`.
    /// Requests that arrived before this was called waited in the socket and are answered now.
    pub fn listen(self, on_request: impl Fn(HandOver) + Send + 'static) -> io::Result<()> {
        std::thread::Builder::new()
            .name("limber-instance".to_owned())
            .spawn(move || {
                let Primary { lock, listener } = self;
                for stream in listener.incoming() {
                    match stream {
                        Ok(stream) => {
                            if let Err(err) = answer(&stream, &on_request) {
                                eprintln!("Limber could not answer another launch: {err}");
                            }
                        }
                        Err(err) => {
                            eprintln!("Limber stopped listening for other launches: {err}");
                            break;
                        }
                    }
                }
                // Held until here: while the process lives, unless listening failed.
                drop(lock);
            })
            .map(drop)
    }
}

/// Reads one request from `stream`, hands it on and says `ok`.
fn answer(stream: &Stream, on_request: &impl Fn(HandOver)) -> io::Result<()> {
    stream.set_recv_timeout(Some(ANSWER_WAIT))?;
    stream.set_send_timeout(Some(ANSWER_WAIT))?;
    let mut line = String::new();
    BufReader::new(stream.take(MAX_REQUEST_BYTES)).read_line(&mut line)?;
    let Some(request) = HandOver::parse(&line) else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "a request that is not a Limber's",
        ));
    };
    on_request(request);
    let mut stream = stream;
    stream.write_all(b"ok\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_survives_its_line() {
        let request = HandOver {
            screen: Some("history".to_owned()),
            activation_token: Some("gnome-shell/Limber-123_TIME456".to_owned()),
        };
        assert_eq!(HandOver::parse(&request.to_line()), Some(request));
        let bare = HandOver::default();
        assert_eq!(HandOver::parse(&bare.to_line()), Some(bare));
        // A tab or line break in a field cannot split the line.
        let odd = HandOver {
            screen: Some("to\tday\n".to_owned()),
            activation_token: None,
        };
        assert_eq!(
            HandOver::parse(&odd.to_line()).and_then(|r| r.screen),
            Some("today".to_owned())
        );
        assert_eq!(HandOver::parse("hello\n"), None);
    }

    #[test]
    fn the_name_is_keyed_on_the_canonical_data_folder() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let own = Endpoint::at(Path::new("/home/a/.local/share/limber"), dir.path().into());
        let demo = Endpoint::at(Path::new("/tmp/limber-demo"), dir.path().into());
        assert_ne!(own.lock_path(), demo.lock_path());

        // Two spellings of one folder (a link to it) meet at one endpoint.
        let data = dir.path().join("data");
        std::fs::create_dir(&data).expect("a data folder");
        #[cfg(unix)]
        {
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&data, &link).expect("a link");
            assert_eq!(
                Endpoint::for_data_dir(&data).key,
                Endpoint::for_data_dir(&link).key
            );
        }
        assert_eq!(
            Endpoint::for_data_dir(&data).key,
            Endpoint::for_data_dir(&data.join("..").join("data")).key
        );
    }

    #[test]
    fn a_second_claim_hands_over_and_a_third_folder_listens_itself() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let endpoint = Endpoint::at(Path::new("/data/one"), dir.path().into());
        let Claim::First(primary) = claim(&endpoint, &HandOver::default()) else {
            panic!("the first claim should listen");
        };
        let (sender, received) = std::sync::mpsc::channel();
        primary
            .listen(move |request| sender.send(request).expect("the test waits"))
            .expect("a listening thread");

        let request = HandOver {
            screen: Some("progress".to_owned()),
            activation_token: None,
        };
        assert!(matches!(claim(&endpoint, &request), Claim::HandedOver));
        assert_eq!(
            received.recv_timeout(Duration::from_secs(5)).ok(),
            Some(request)
        );

        // Another data folder is another Limber.
        let other = Endpoint::at(Path::new("/data/two"), dir.path().into());
        assert!(matches!(
            claim(&other, &HandOver::default()),
            Claim::First(_)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_socket_left_by_a_crash_is_replaced() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let endpoint = Endpoint::at(Path::new("/data/crashed"), dir.path().into());
        // A socket file nobody listens on, and a lock nobody holds.
        drop(std::os::unix::net::UnixListener::bind(endpoint.socket_path()).expect("a socket"));
        assert!(endpoint.socket_path().exists());
        assert!(matches!(
            claim(&endpoint, &HandOver::default()),
            Claim::First(_)
        ));
    }

    #[test]
    fn a_lock_held_with_nobody_answering_is_unanswered() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let endpoint = Endpoint::at(Path::new("/data/silent"), dir.path().into());
        let Claim::First(primary) = claim(&endpoint, &HandOver::default()) else {
            panic!("the first claim should listen");
        };
        // Holds the lock and the socket but never answers (a Limber that hangs).
        let started = Instant::now();
        assert!(matches!(
            claim(&endpoint, &HandOver::default()),
            Claim::Unanswered(_)
        ));
        assert!(started.elapsed() < ANSWER_WAIT + CONNECT_WAIT + Duration::from_secs(2));
        drop(primary);
    }
}

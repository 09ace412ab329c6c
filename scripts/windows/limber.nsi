; The per-user Windows installer of Limber, built by scripts/package-windows.sh with NSIS
; (makensis; Debian's nsis package). No administrator rights: Limber goes into
; %LOCALAPPDATA%\Programs\Limber, the shortcut into the person's own Start menu and the uninstall
; entry under HKEY_CURRENT_USER. The person's log and settings (%APPDATA%\Limber\limber) are
; never touched, by installing, reinstalling or uninstalling.
;
; Defined by the script: VERSION (from Cargo.toml), VERSION4 (the same as a.b.c.0), BINDIR
; (limber.exe, limber-cli.exe), SRCDIR (the repository), OUTFILE.

; A 64-bit installer, like the programs (Wine without its 32-bit part, Debian's default, cannot
; run NSIS's usual 32-bit one).
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!define APP "Limber"
; The AppUserModelID the app sends its reminders under (APP_ID in src/ui/mod.rs; a test in
; src/ui/notify.rs reads this line). Windows shows a desktop program's notifications only when
; a Start-menu shortcut carries its id, and names them after the shortcut and its icon.
!define AUMID "org.limber.Limber"
; One fixed key: installing over an older version replaces its entry rather than adding one.
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Limber"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Limber"
; Installing again goes where the earlier version went.
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
Icon "${SRCDIR}\assets\icons\limber.ico"
UninstallIcon "${SRCDIR}\assets\icons\limber.ico"
BrandingText "Limber ${VERSION}"

VIProductVersion "${VERSION4}"
VIAddVersionKey "ProductName" "Limber"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "Limber installer"
VIAddVersionKey "CompanyName" "The Limber authors"
VIAddVersionKey "LegalCopyright" "The Limber authors; MIT or Apache-2.0"

!include "MUI2.nsh"
!include "LogicLib.nsh"
; NSIS's own COM helpers (its System plugin), to set the shortcut's AppUserModelID as COM.nsh's
; example does: no extra plugin, nothing in Limber's code.
!include "Win\COM.nsh"
!include "Win\Propkey.nsh"
!define MUI_ICON "${SRCDIR}\assets\icons\limber.ico"
!define MUI_UNICON "${SRCDIR}\assets\icons\limber.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\limber.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Open Limber now"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!define MUI_UNCONFIRMPAGE_TEXT_TOP "Limber will be removed from this computer. Your session log and settings are kept (in %APPDATA%\Limber), so installing Limber again finds them."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

; A running Limber holds its program file open, so it cannot be replaced or removed: ask the
; person to close it first (a silent install or uninstall stops instead).
!macro CloseLimberFirst
  retry:
  ClearErrors
  IfFileExists "$INSTDIR\limber.exe" 0 closed
  Rename "$INSTDIR\limber.exe" "$INSTDIR\limber.exe.closing"
  IfErrors 0 renamed
  MessageBox MB_RETRYCANCEL|MB_ICONINFORMATION "Limber is open. Please close it (your log is saved as you go), then choose Retry." /SD IDCANCEL IDRETRY retry
  Abort "Limber is still open; nothing was changed."
  renamed:
  Delete "$INSTDIR\limber.exe.closing"
  closed:
!macroend

; Gives the shortcut `lnk` the System.AppUserModel.ID property ${AUMID} (IShellLink loaded
; through IPersistFile, the property set through IPropertyStore, saved in place).
!macro SetShortcutAppUserModelId lnk
  !insertmacro ComHlpr_CreateInProcInstance ${CLSID_ShellLink} ${IID_IShellLink} r0 ""
  ${If} $0 P<> 0
    ${IUnknown::QueryInterface} $0 '("${IID_IPersistFile}",.r1)'
    ${If} $1 P<> 0
      ${IPersistFile::Load} $1 '("${lnk}",${STGM_READWRITE})'
      ${IUnknown::QueryInterface} $0 '("${IID_IPropertyStore}",.r2)'
      ${If} $2 P<> 0
        System::Call '*${SYSSTRUCT_PROPERTYKEY}(${PKEY_AppUserModel_ID})p.r3'
        System::Call '*${SYSSTRUCT_PROPVARIANT}(${VT_LPWSTR},,w "${AUMID}")p.r4'
        ${IPropertyStore::SetValue} $2 '($3,$4)'
        ${IPropertyStore::Commit} $2 ""
        System::Free $3
        System::Free $4
        ${IUnknown::Release} $2 ""
        ${IPersistFile::Save} $1 '("${lnk}",1)'
      ${EndIf}
      ${IUnknown::Release} $1 ""
    ${EndIf}
    ${IUnknown::Release} $0 ""
  ${EndIf}
!macroend

Section "Limber" main
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  !insertmacro CloseLimberFirst
  File "${BINDIR}\limber.exe"
  File "${BINDIR}\limber-cli.exe"
  ; The built-in routine (also inside the program), to read or to copy and change.
  File "${SRCDIR}\exercises.ron"
  File "/oname=README.md" "${SRCDIR}\README.md"
  File "${SRCDIR}\LICENSE-MIT"
  File "${SRCDIR}\LICENSE-APACHE"
  File "${SRCDIR}\assets\fonts\LICENSE-DejaVu.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\Limber.lnk" "$INSTDIR\limber.exe" "" "$INSTDIR\limber.exe" 0 \
    SW_SHOWNORMAL "" "Follow your upper-back self-care routine"
  !insertmacro SetShortcutAppUserModelId "$SMPROGRAMS\Limber.lnk"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "Limber"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "The Limber authors"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\limber.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "${SIZE_KB}"
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  !insertmacro CloseLimberFirst
  Delete "$INSTDIR\limber-cli.exe"
  Delete "$INSTDIR\exercises.ron"
  Delete "$INSTDIR\README.md"
  Delete "$INSTDIR\LICENSE-MIT"
  Delete "$INSTDIR\LICENSE-APACHE"
  Delete "$INSTDIR\LICENSE-DejaVu.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\Limber.lnk"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ; "Start at login" (the Run value Limber writes, crates/limber-core/src/autostart/run_key.rs)
  ; would otherwise point at a program that is gone.
  DeleteRegValue HKCU "Software\Microsoft\Windows\CurrentVersion\Run" "Limber"
  ; The log and settings in %APPDATA%\Limber stay, on purpose.
SectionEnd

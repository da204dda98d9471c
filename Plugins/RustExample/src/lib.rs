//! echo: a connector written in Rust against `connector_abi.h` alone.
//!
//! `ping` echoes its request; `probe` reports ready and the host's clock;
//! anything else is `unsupported_operation`. It completes every call inside
//! `invoke`, never blocks, and keeps no state but the host table.

mod abi;

use abi::*;
use std::ffi::CStr;
use std::os::raw::c_char;
use std::sync::atomic::{AtomicPtr, Ordering};

const MANIFEST: &str = concat!(
    r#"{"id":"rust-echo","displayName":"Echo (Rust example)","version":"1.0.0","#,
    r#""description":"Answers ping and probe; shows the ABI from Rust.","authMethods":[],"endpoints":{},"#,
    r#""configSchema":{"type":"object","properties":{}},"operations":["ping","probe"]}"#
);

/// The host table: valid from registration until shutdown returns.
static HOST: AtomicPtr<ucp_type_host_api> = AtomicPtr::new(std::ptr::null_mut());

fn host() -> &'static ucp_type_host_api {
    // SAFETY: set once in ucp_plugin_register before any hook can run; the host keeps it alive until shutdown.
    unsafe { &*HOST.load(Ordering::Acquire) }
}

fn complete(handle: *mut ucp_type_call_handle, status: i32, body: &[u8]) {
    let host = host();
    (host.complete)(host.host, handle, status, ucp_type_bytes { data: body.as_ptr(), length: body.len() });
}

extern "C" fn on_invoke(_plugin: *mut ucp_type_plugin, call: *const ucp_type_call) {
    // SAFETY: the host lends `call` until this returns.
    let call = unsafe { &*call };
    let operation = unsafe { CStr::from_ptr(call.operation) }.to_bytes();
    match operation {
        b"ping" => {
            let host = host();
            (host.complete)(host.host, call.handle, UCP_CALL_OK, call.request);
        }
        b"probe" => {
            let host = host();
            let now = (host.clock_now)(host.host);
            let answer = format!(r#"{{"status":"ready","message":"Rust says hello.","details":{{"hostClockNanoseconds":{now}}}}}"#);
            complete(call.handle, UCP_CALL_OK, answer.as_bytes());
        }
        _ => complete(
            call.handle,
            UCP_CALL_FAILED,
            br#"{"code":"unsupported_operation","message":"rust-echo implements ping and probe."}"#,
        ),
    }
}

extern "C" fn on_shutdown(_plugin: *mut ucp_type_plugin) {}

/// Statics may not hold raw pointers unless the type says they are shareable.
struct Registration(ucp_type_registration);
// SAFETY: every pointer in it is to 'static, immutable data.
unsafe impl Sync for Registration {}

static REGISTRATION: Registration = Registration(ucp_type_registration {
    struct_size: std::mem::size_of::<ucp_type_registration>() as u32,
    abi: ucp_type_version { major: 1, minor: 0 },
    language: UCP_LANGUAGE_RUST,
    toolchain: b"rustc\0".as_ptr() as *const c_char,
    build_flags: 0,
    plugin_id: b"rust-echo\0".as_ptr() as *const c_char,
    plugin_version: b"1.0.0\0".as_ptr() as *const c_char,
    manifest_json: ucp_type_bytes { data: MANIFEST.as_ptr(), length: MANIFEST.len() },
    plugin: std::ptr::null_mut(),
    invoke: on_invoke,
    cancel: None,
    shutdown: on_shutdown,
});

/// The one exported symbol (`UCP_ENTRY_SYMBOL`).
///
/// # Safety
/// Called by the host exactly as `ucp_on_register` in connector_abi.h says.
#[no_mangle]
pub unsafe extern "C" fn ucp_plugin_register(
    host: *const ucp_type_host_api,
    out_registration: *mut *const ucp_type_registration,
    error_message: *mut c_char,
    error_capacity: usize,
) -> i32 {
    let table = &*host;
    if table.abi_min.major > 1 || table.abi_max.major < 1 || (table.struct_size as usize) < std::mem::size_of::<ucp_type_host_api>() {
        let reason = b"abi.major: rust-echo speaks 1.0\0";
        let count = reason.len().min(error_capacity);
        std::ptr::copy_nonoverlapping(reason.as_ptr() as *const c_char, error_message, count);
        if count > 0 {
            *error_message.add(count - 1) = 0;
        }
        return UCP_REGISTER_FAILED;
    }
    HOST.store(host as *mut ucp_type_host_api, Ordering::Release);
    *out_registration = &REGISTRATION.0;
    UCP_REGISTER_OK
}

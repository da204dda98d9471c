//! The parts of `connector_abi.h` this plugin uses, declared by hand with
//! `#[repr(C)]` (no bindgen): the header is the contract, these mirror it.
#![allow(non_camel_case_types)]

use std::os::raw::{c_char, c_void};

pub const UCP_REGISTER_OK: i32 = 0;
pub const UCP_REGISTER_FAILED: i32 = 1;
pub const UCP_CALL_OK: i32 = 0;
pub const UCP_CALL_FAILED: i32 = 1;
pub const UCP_LANGUAGE_RUST: i32 = 3;

#[repr(C)]
#[derive(Clone, Copy)]
pub struct ucp_type_version {
    pub major: u16,
    pub minor: u16,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct ucp_type_bytes {
    pub data: *const u8,
    pub length: usize,
}

/// Opaque to the plugin.
pub enum ucp_type_host {}
pub enum ucp_type_plugin {}
pub enum ucp_type_call_handle {}

#[repr(C)]
pub struct ucp_type_call {
    pub struct_size: u32,
    pub handle: *mut ucp_type_call_handle,
    pub operation: *const c_char,
    pub request: ucp_type_bytes,
}

pub type ucp_callback_complete = extern "C" fn(*mut ucp_type_host, *mut ucp_type_call_handle, i32, ucp_type_bytes);
pub type ucp_callback_log = extern "C" fn(*mut ucp_type_host, *mut ucp_type_call_handle, i32, ucp_type_bytes, ucp_type_bytes);
/// Not used here; only its size matters for the table's layout.
pub type ucp_callback_opaque = *const c_void;
pub type ucp_callback_clock_now = extern "C" fn(*mut ucp_type_host) -> i64;

#[repr(C)]
pub struct ucp_type_host_api {
    pub struct_size: u32,
    pub abi_min: ucp_type_version,
    pub abi_max: ucp_type_version,
    pub host_toolchain: *const c_char,
    pub host: *mut ucp_type_host,
    pub complete: ucp_callback_complete,
    pub log: ucp_callback_log,
    pub http_send: ucp_callback_opaque,
    pub credentials_updated: ucp_callback_opaque,
    pub clock_now: ucp_callback_clock_now,
}

pub type ucp_on_invoke = extern "C" fn(*mut ucp_type_plugin, *const ucp_type_call);
pub type ucp_on_cancel = Option<extern "C" fn(*mut ucp_type_plugin, *mut ucp_type_call_handle)>;
pub type ucp_on_shutdown = extern "C" fn(*mut ucp_type_plugin);

#[repr(C)]
pub struct ucp_type_registration {
    pub struct_size: u32,
    pub abi: ucp_type_version,
    pub language: i32,
    pub toolchain: *const c_char,
    pub build_flags: u32,
    pub plugin_id: *const c_char,
    pub plugin_version: *const c_char,
    pub manifest_json: ucp_type_bytes,
    pub plugin: *mut ucp_type_plugin,
    pub invoke: ucp_on_invoke,
    pub cancel: ucp_on_cancel,
    pub shutdown: ucp_on_shutdown,
}

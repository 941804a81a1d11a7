//! The shell's tests, one binary: every command through Tauri's IPC on a mock runtime, and the
//! UI's TypeScript types generated from the Rust ones.

mod bindings;
mod commands;

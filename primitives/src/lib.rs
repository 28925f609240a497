//! Types and byte formats shared by the CPChain runtime and the programs that talk to it.
//!
//! Whatever both sides sign or hash is produced by exactly one function in this crate, so a
//! device, the `cpchain` client and the runtime can never disagree on the bytes.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "aggregates")]
pub mod aggregates;
pub mod device;
pub mod market;
pub mod pre;
pub mod storage;

/// Facts about the chain that the runtime, the node and clients agree on.
pub mod chain {
	/// Parachain id of the bundled networks (`dev`, `local`, zombienet).
	pub const PARA_ID: u32 = 2000;
	/// Token symbol shown by wallets.
	pub const TOKEN_SYMBOL: &str = "CPC";
	/// Decimals of the token.
	pub const TOKEN_DECIMALS: u8 = 12;
}

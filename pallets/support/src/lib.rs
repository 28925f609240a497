//! Building blocks CPChain's pallets share.
//!
//! * [`queue::IdleQueue`]: a first-in, first-out queue in storage that `on_idle` drains
//!   within the block's spare weight, charging each item what it took.

#![cfg_attr(not(feature = "std"), no_std)]

pub mod queue;

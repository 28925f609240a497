//! Weights of upstream pallets measured in this runtime (`scripts/benchmark.sh`). CPChain's own
//! pallets keep theirs in their crates.

pub mod pallet_xcm;

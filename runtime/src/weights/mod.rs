//! Weights measured for this runtime: upstream pallets' (`scripts/benchmark.sh`; CPChain's own
//! pallets keep theirs in their crates) and the database's (`scripts/bench-db.sh`). The runtime
//! charges storage at ParityDB's weights, the database the collator opens by default.

pub mod pallet_xcm;
pub mod paritydb_weights;
pub mod rocksdb_weights;

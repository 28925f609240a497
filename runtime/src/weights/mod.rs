//! Weights measured for this runtime: upstream pallets' (`scripts/benchmark.sh`; CPChain's own
//! pallets keep theirs in their crates), the database's (`scripts/bench-db.sh`) and the
//! execution overhead of a block and of an extrinsic (`scripts/bench-overhead.sh`). The runtime
//! charges storage at ParityDB's weights, the database the collator opens by default.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod pallet_xcm;
pub mod paritydb_weights;
pub mod rocksdb_weights;

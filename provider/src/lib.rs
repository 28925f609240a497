//! `cpchain-provider`: keeps the encrypted content of storage orders on disk, serves it over
//! HTTP, and proves it holds it whenever the chain challenges it.

pub mod follow;
pub mod http;
pub mod metrics;
pub mod store;

//! The CPChain client: chain access typed from the runtime's metadata, the keystore, and the
//! pipelines of the `cpchain` command and the storage provider.

pub mod account;
pub mod aggregate;
pub mod chain;
pub mod dataset;
pub mod device;
pub mod keystore;
pub mod market;
pub mod provider_api;
pub mod proxy;
pub mod readings;
pub mod transfer;

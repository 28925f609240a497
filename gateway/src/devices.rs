//! The devices a gateway serves: what the chain says of each (key, status, whether its owner
//! authorized this gateway, the last anchored sequence, the CSV schema) and its batches.
//!
//! A device is looked up on chain the first time it publishes (or at start, for the folders
//! already on disk) and kept while it is served. A device the chain does not let this gateway
//! anchor for is remembered as refused for [`REFUSED_FOR`], in a table of at most
//! [`MAX_REFUSED`] entries, so that a flood of made-up device ids costs one chain query per id
//! per minute at most and bounded memory.

use std::{
	collections::{HashMap, HashSet},
	path::{Path, PathBuf},
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};

use cpchain_client::chain::{runtime, AccountId32, Chain, H256};
use cpchain_device::{DeviceKey, Hash};

use crate::batches::{Closed, DeviceBatches, Rejection};

/// How long a refused device stays refused before the chain is asked again.
pub const REFUSED_FOR: Duration = Duration::from_secs(60);
/// Most refused devices remembered; the table is emptied when it is full.
pub const MAX_REFUSED: usize = 10_000;
/// The device attribute holding the CSV header of its readings.
pub const SCHEMA_ATTRIBUTE: &[u8] = b"schema";

/// A device this gateway anchors for.
pub struct Served {
	pub key: DeviceKey,
	pub batches: DeviceBatches,
}

/// Devices whose chain state changed (found by a refused anchor): looked up again on their
/// next message.
pub type Stale = Arc<Mutex<HashSet<Hash>>>;

/// The devices of a gateway.
pub struct Devices {
	chain: Chain,
	gateway: AccountId32,
	data: PathBuf,
	served: HashMap<Hash, Served>,
	refused: HashMap<Hash, (Rejection, Instant)>,
	stale: Stale,
}

impl Devices {
	pub fn new(chain: Chain, gateway: AccountId32, data: PathBuf, stale: Stale) -> Self {
		Self { chain, gateway, data, served: HashMap::new(), refused: HashMap::new(), stale }
	}

	/// Devices served.
	pub fn len(&self) -> usize {
		self.served.len()
	}

	/// Whether no device is served.
	pub fn is_empty(&self) -> bool {
		self.served.is_empty()
	}

	/// The device folders under the data folder: devices served before a restart.
	pub fn on_disk(data: &Path) -> std::io::Result<Vec<Hash>> {
		let mut ids = Vec::new();
		for entry in std::fs::read_dir(data)? {
			let name = entry?.file_name();
			let Some(bytes) = name.to_str().and_then(|n| hex::decode(n).ok()) else { continue };
			if let Ok(id) = bytes.try_into() {
				ids.push(id);
			}
		}
		Ok(ids)
	}

	/// The device `id`, looked up on chain if it is not served yet. A device taken up returns
	/// its closed batches the chain does not hold yet, to be submitted again.
	/// [`Rejection::Unavailable`] means the chain could not be asked: try again later.
	pub async fn get(
		&mut self,
		id: Hash,
		pending: &mut Vec<Closed>,
	) -> Result<&mut Served, Rejection> {
		let stale = self.stale.lock().expect("not poisoned").remove(&id);
		if stale {
			self.served.remove(&id);
		}
		if !self.served.contains_key(&id) {
			if let Some((rejection, since)) = self.refused.get(&id) {
				if since.elapsed() < REFUSED_FOR {
					return Err(rejection.clone());
				}
			}
			match self.look_up(id).await {
				Ok((served, closed)) => {
					self.refused.remove(&id);
					pending.extend(closed);
					self.served.insert(id, served);
				},
				Err(rejection @ Rejection::Unavailable(_)) => return Err(rejection),
				Err(rejection) => {
					tracing::warn!(device = %hex::encode(id), "refused: {rejection}");
					if self.refused.len() >= MAX_REFUSED {
						self.refused.clear();
					}
					self.refused.insert(id, (rejection.clone(), Instant::now()));
					return Err(rejection);
				},
			}
		}
		Ok(self.served.get_mut(&id).expect("inserted above"))
	}

	async fn look_up(&self, id: Hash) -> Result<(Served, Vec<Closed>), Rejection> {
		use runtime::runtime_types::pallet_device_registry::types::DeviceStatus;
		let chain_error = |e: &dyn std::fmt::Display| Rejection::Unavailable(e.to_string());
		let at = self.chain.at().await.map_err(|e| chain_error(&e))?;
		let details = at
			.runtime_apis()
			.call(runtime::runtime_apis().device_registry_api().device(H256(id)))
			.await
			.map_err(|e| chain_error(&e))?
			.ok_or(Rejection::UnknownDevice)?;
		match details.status {
			DeviceStatus::Active => {},
			DeviceStatus::Suspended => return Err(Rejection::Inactive("suspended")),
			DeviceStatus::Revoked => return Err(Rejection::Inactive("revoked")),
		}
		if details.owner != self.gateway {
			let authorized = at
				.storage()
				.entry(runtime::storage().device_registry().gateways())
				.map_err(|e| chain_error(&e))?
				.try_fetch((details.owner.clone(), self.gateway.clone()))
				.await
				.map_err(|e| chain_error(&e))?
				.is_some();
			if !authorized {
				return Err(Rejection::NotAuthorized);
			}
		}
		let header = details
			.attributes
			.iter()
			.find(|(key, _)| key == SCHEMA_ATTRIBUTE)
			.map(|(_, value)| value.clone());
		let (batches, pending) =
			DeviceBatches::open(&self.data, id, details.anchor.sequence, header)
				.map_err(|e| Rejection::Storage(e.to_string()))?;
		Ok((Served { key: details.key.0, batches }, pending))
	}
}

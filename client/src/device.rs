//! Device keys (ed25519; a device key is not an account and never pays fees) and the chain
//! calls a device's owner makes: registration with proof of possession, and anchors.

use anyhow::{anyhow, Result};
use cpchain_primitives::device::{
	anchor_payload, device_id, registration_payload,
	signer::{DevicePair, Scheme},
	Anchor, DeviceId, DeviceKey,
};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use subxt::utils::Static;
use subxt_signer::sr25519::Keypair;
use zeroize::Zeroizing;

use crate::{
	account::account_id,
	chain::{event, runtime, Chain, Error, H256},
	keystore::{Keystore, Kind},
};

/// A device key as the keystore holds it.
#[derive(Serialize, Deserialize)]
pub struct DeviceFile {
	/// The ed25519 public key, hex.
	pub public: String,
	/// The 32-byte ed25519 seed, hex.
	pub seed: String,
	/// The device id once registered, hex.
	#[serde(default)]
	pub device: Option<String>,
}

/// Makes a new device key `name`.
pub fn create(store: &Keystore, name: &str) -> Result<DeviceFile> {
	let mut seed = Zeroizing::new([0u8; 32]);
	rand::rngs::OsRng.fill_bytes(seed.as_mut());
	let seed = format!("0x{}", hex::encode(seed.as_ref()));
	let pair = DevicePair::from_string(Scheme::Ed25519, &seed)
		.map_err(|_| anyhow!("cannot make an ed25519 key"))?;
	let DeviceKey::Ed25519(public) = pair.public() else { unreachable!("ed25519 scheme") };
	let file = DeviceFile { public: hex::encode(public), seed, device: None };
	store.save(Kind::Device, name, &file, false)?;
	Ok(file)
}

/// The key pair of a stored device.
pub fn pair(file: &DeviceFile) -> Result<DevicePair> {
	DevicePair::from_string(Scheme::Ed25519, &file.seed)
		.map_err(|_| anyhow!("the device file's seed is not a valid ed25519 seed"))
}

/// Parses a 32-byte hash written in hex, with or without `0x`.
pub fn parse_h256(text: &str) -> Result<H256> {
	let bytes =
		hex::decode(text.trim_start_matches("0x")).map_err(|_| anyhow!("`{text}` is not hex"))?;
	let bytes: [u8; 32] =
		bytes.try_into().map_err(|_| anyhow!("`{text}` is not 32 bytes of hex"))?;
	Ok(H256(bytes))
}

/// The device id of a stored device, once registered.
pub fn stored_id(file: &DeviceFile, name: &str) -> Result<DeviceId> {
	let id = file.device.as_deref().ok_or_else(|| {
		anyhow!("device `{name}` is not registered yet (cpchain device register)")
	})?;
	parse_h256(id)
}

/// Registers `device` under `owner`, with metadata of `kind`, `firmware_hash` and
/// `attributes`. Returns the device id.
pub async fn register(
	chain: &Chain,
	owner: &Keypair,
	device: &DevicePair,
	kind: &str,
	firmware_hash: H256,
	attributes: Vec<(String, String)>,
) -> Result<DeviceId, Error> {
	use runtime::runtime_types::{
		bounded_collections::bounded_vec::BoundedVec, pallet_device_registry::types::DeviceMetadata,
	};
	let key = device.public();
	let at = chain.at().await?;
	let record = at
		.runtime_apis()
		.call(runtime::runtime_apis().device_registry_api().key_record(Static(key)))
		.await
		.map_err(|e| Error::Client(e.into()))?;
	let genesis = chain.genesis_hash();
	let owner_id = account_id(owner);
	let proof = device.sign(&registration_payload(&genesis, &owner_id.0, &key, record.nonce));
	let metadata = DeviceMetadata {
		kind: BoundedVec(kind.as_bytes().to_vec()),
		firmware_hash,
		attributes: BoundedVec(
			attributes
				.into_iter()
				.map(|(k, v)| (BoundedVec(k.into_bytes()), BoundedVec(v.into_bytes())))
				.collect(),
		),
	};
	let call =
		runtime::tx().device_registry().register_device(Static(key), metadata, Static(proof));
	chain.submit(&call, owner).await?;
	Ok(device_id(&genesis, &key, record.nonce))
}

/// Signs `anchor` with the device key and submits it from `submitter` (the owner or a gateway
/// it authorized). Returns the new head of the device's anchor chain.
pub async fn anchor(
	chain: &Chain,
	submitter: &Keypair,
	device: &DevicePair,
	id: DeviceId,
	anchor: Anchor,
) -> Result<H256, Error> {
	let signature = device.sign(&anchor_payload(&id, &anchor));
	let call = runtime::tx().device_registry().anchor_data(id, Static(anchor), Static(signature));
	let events = chain.submit(&call, submitter).await?;
	Ok(event::<runtime::device_registry::events::DataAnchored>(&events)?.anchor_hash)
}

//! Reads of the device registry, exposed to clients as a runtime API
//! (`api.call.deviceRegistryApi.*` in polkadot.js).

use crate::*;
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use scale_info::TypeInfo;
use sp_core::H256;

/// A device as clients see it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct DeviceDetails<AccountId, BlockNumber> {
	/// Owner account.
	pub owner: AccountId,
	/// Current device key.
	pub key: DeviceKey,
	/// Number of key rotations.
	pub key_version: u32,
	/// Lifecycle state.
	pub status: DeviceStatus,
	/// Block of registration.
	pub registered_at: BlockNumber,
	/// The anchor chain: head hash, last sequence, anchor and reading counts.
	pub anchor: AnchorHead<BlockNumber>,
	/// Kind or model.
	pub kind: Vec<u8>,
	/// Firmware hash.
	pub firmware_hash: H256,
	/// Free-form attributes.
	pub attributes: Vec<(Vec<u8>, Vec<u8>)>,
}

sp_api::decl_runtime_apis! {
	/// Reads of the device registry.
	pub trait DeviceRegistryApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// A device with its metadata and anchor head.
		fn device(id: DeviceId) -> Option<DeviceDetails<AccountId, BlockNumber>>;
		/// Ids of the devices `owner` owns.
		fn devices_of(owner: AccountId) -> Vec<DeviceId>;
		/// Latest anchor head and anchor count of a device.
		fn anchor_head(id: DeviceId) -> Option<AnchorHead<BlockNumber>>;
		/// What the chain knows of a key: the nonce its next proof of possession must sign,
		/// the device using it, whether it is revoked.
		fn key_record(key: DeviceKey) -> KeyRecord;
	}
}

impl<T: Config> Pallet<T> {
	/// See [`DeviceRegistryApi::device`].
	pub fn device(
		id: DeviceId,
	) -> Option<DeviceDetails<T::AccountId, frame_system::pallet_prelude::BlockNumberFor<T>>> {
		let info = Devices::<T>::get(id)?;
		let metadata = MetadataOf::<T>::get(id)?;
		Some(DeviceDetails {
			owner: info.owner,
			key: info.key,
			key_version: info.key_version,
			status: info.status,
			registered_at: info.registered_at,
			anchor: info.anchor,
			kind: metadata.kind.into_inner(),
			firmware_hash: metadata.firmware_hash,
			attributes: metadata
				.attributes
				.into_iter()
				.map(|(key, value)| (key.into_inner(), value.into_inner()))
				.collect(),
		})
	}

	/// See [`DeviceRegistryApi::devices_of`].
	pub fn devices_of(owner: &T::AccountId) -> Vec<DeviceId> {
		OwnedDevices::<T>::iter_key_prefix(owner).collect()
	}

	/// See [`DeviceRegistryApi::anchor_head`].
	pub fn anchor_head(
		id: DeviceId,
	) -> Option<AnchorHead<frame_system::pallet_prelude::BlockNumberFor<T>>> {
		Devices::<T>::get(id).map(|info| info.anchor)
	}

	/// See [`DeviceRegistryApi::key_record`].
	pub fn key_record(key: DeviceKey) -> KeyRecord {
		Keys::<T>::get(key)
	}
}

impl<T: Config> cpchain_primitives::device::DeviceProvenance<T::AccountId> for Pallet<T> {
	fn last_anchored(
		owner: &T::AccountId,
		device: &DeviceId,
	) -> Result<u64, cpchain_primitives::device::ProvenanceError> {
		use cpchain_primitives::device::ProvenanceError;
		let info = Devices::<T>::get(device)
			.filter(|d| &d.owner == owner)
			.ok_or(ProvenanceError::NotOwned)?;
		match info.status {
			DeviceStatus::Active => Ok(info.anchor.sequence),
			DeviceStatus::Suspended | DeviceStatus::Revoked => Err(ProvenanceError::Inactive),
		}
	}
}

impl<T: Config> cpchain_primitives::device::DeviceKeys<T::AccountId> for Pallet<T> {
	fn active_device(
		device: &DeviceId,
	) -> Result<(T::AccountId, DeviceKey), cpchain_primitives::device::ProvenanceError> {
		use cpchain_primitives::device::ProvenanceError;
		let info = Devices::<T>::get(device).ok_or(ProvenanceError::NotOwned)?;
		match info.status {
			DeviceStatus::Active => Ok((info.owner, info.key)),
			DeviceStatus::Suspended | DeviceStatus::Revoked => Err(ProvenanceError::Inactive),
		}
	}

	fn is_gateway(owner: &T::AccountId, gateway: &T::AccountId) -> bool {
		Gateways::<T>::contains_key(owner, gateway)
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> Pallet<T> {
	/// A device of `owner` whose anchors go up to `sequence`, written straight into storage
	/// (no key or signature, empty metadata): for the benchmarks of pallets that check
	/// provenance.
	pub fn benchmark_anchored_device(owner: T::AccountId, index: u32, sequence: u64) -> DeviceId {
		let mut raw = [0u8; 32];
		raw[..4].copy_from_slice(&index.to_le_bytes());
		Self::benchmark_device(owner, DeviceKey::Ed25519(raw), sequence)
	}

	/// An active device of `owner` with `key`, whose anchors go up to `sequence`, written
	/// straight into storage (empty metadata): for the benchmarks of pallets that check what
	/// devices sign.
	pub fn benchmark_device(owner: T::AccountId, key: DeviceKey, sequence: u64) -> DeviceId {
		use frame_support::traits::Consideration;
		let id = cpchain_primitives::device::device_id(&H256::zero(), &key, 0);
		let now = frame_system::Pallet::<T>::block_number();
		let metadata = DeviceMetadataOf::<T> {
			kind: Default::default(),
			firmware_hash: H256::zero(),
			attributes: Default::default(),
		};
		let footprint = Self::metadata_footprint(&metadata).expect("empty metadata fits");
		T::DeviceDeposit::ensure_successful(&owner, footprint);
		let deposit = T::DeviceDeposit::new(&owner, footprint).expect("the deposit was funded");
		Devices::<T>::insert(
			id,
			DeviceInfo {
				owner: owner.clone(),
				key,
				key_version: 0,
				status: DeviceStatus::Active,
				deposit,
				registered_at: now,
				anchor: AnchorHead {
					sequence,
					head: H256::zero(),
					count: sequence,
					readings: 0,
					updated_at: now,
				},
			},
		);
		MetadataOf::<T>::insert(id, metadata);
		OwnedDevices::<T>::insert(owner, id, ());
		Keys::<T>::insert(key, KeyRecord { nonce: 1, device: Some(id), revoked: false });
		id
	}
}

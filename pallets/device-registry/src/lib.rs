//! # Device registry
//!
//! IoT devices as first-class identities on CPChain.
//!
//! A device has its own ed25519 or sr25519 key, which is not an account: the device never pays
//! and never signs extrinsics. Its owner, an ordinary account, registers it with the device's
//! proof of possession, pays a deposit for the bytes stored, and may let gateway accounts submit
//! the device's data on its behalf.
//!
//! What a device produces is anchored with [`Pallet::anchor_data`]: the Merkle root of a batch
//! of readings, its reading count, time range and sequence number, signed by the device. Each
//! anchor extends the device's hash chain ([`cpchain_primitives::device::next_anchor_hash`]),
//! so the whole provenance history of a device is verifiable from its latest head, and a batch
//! of thousands of readings costs one extrinsic. A gateway carrying a fleet puts many devices'
//! anchors in one [`Pallet::anchor_batch`], which skips (and reports) an entry that fails rather
//! than refusing the others.
//!
//! Lifecycle: `register_device`, `update_metadata`, `rotate_key`, `transfer_device`,
//! `suspend_device` / `resume_device`, `deregister_device`; governance can `revoke_device`. A
//! suspended or revoked device cannot anchor; a revoked device's key is never accepted again.
//!
//! Reads go through the [`runtime_api::DeviceRegistryApi`] runtime API.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod dispatchable_impls;
pub mod runtime_api;
mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
#[cfg(any(feature = "try-runtime", feature = "std"))]
mod try_state;

pub use cpchain_primitives::device::{Anchor, DeviceId, DeviceKey, DeviceSignature};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Balanced, Credit, Inspect, Mutate},
			Consideration, Footprint, OnUnbalanced,
		},
	};
	use frame_system::pallet_prelude::*;
	use sp_core::H256;
	use sp_runtime::traits::StaticLookup;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Currency key fees are paid in.
		type Currency: Inspect<Self::AccountId>
			+ Mutate<Self::AccountId>
			+ Balanced<Self::AccountId>;

		/// Origin that may revoke any device (governance).
		type RevokeOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Deposit a registered device takes from its owner, for a footprint of one record the
		/// size of its encoded metadata (in CPChain: held, priced per record and per byte).
		type DeviceDeposit: Consideration<Self::AccountId, Footprint>;

		/// Deposit an authorized gateway takes from the owner who authorized it, for a footprint
		/// of one record the size of an account id.
		type GatewayDeposit: Consideration<Self::AccountId, Footprint>;

		/// Paid, not held, the first time a key is seen (registered or rotated to): the chain
		/// keeps every key's record for good, because its nonce is what keeps old signatures
		/// of the key from being replayed, so the record's storage is bought once.
		#[pallet::constant]
		type KeyFee: Get<BalanceOf<Self>>;

		/// Receives key fees (in CPChain, the treasury).
		type KeyFeeDestination: OnUnbalanced<Credit<Self::AccountId, Self::Currency>>;

		/// Most attributes a device may carry.
		#[pallet::constant]
		type MaxAttributes: Get<u32>;

		/// Largest encoded metadata, in bytes.
		#[pallet::constant]
		type MaxMetadataLen: Get<u32>;

		/// Most anchors one `anchor_batch` carries.
		#[pallet::constant]
		type MaxBatchAnchors: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet's deposits hold funds, for a runtime that takes them as holds
	/// (`HoldConsideration`).
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Deposit for a registered device and its metadata.
		DeviceDeposit,
		/// Deposit for an authorized gateway.
		GatewayDeposit,
	}

	/// Registered devices.
	#[pallet::storage]
	pub type Devices<T: Config> = StorageMap<_, Identity, DeviceId, DeviceInfo<T>>;

	/// Metadata of each registered device.
	#[pallet::storage]
	pub type MetadataOf<T: Config> = StorageMap<_, Identity, DeviceId, DeviceMetadataOf<T>>;

	/// Devices of each owner.
	#[pallet::storage]
	pub type OwnedDevices<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Identity, DeviceId, ()>;

	/// Every device key the chain has seen: its registration nonce, the device using it, and
	/// whether it was revoked. Kept for good (a deleted record would reset the nonce, and a
	/// device id and its old anchor signatures would come back); bought with `KeyFee`.
	#[pallet::storage]
	pub type Keys<T: Config> = StorageMap<_, Blake2_128Concat, DeviceKey, KeyRecord, ValueQuery>;

	/// Gateways each owner has authorized, with the ticket of the deposit held for them.
	#[pallet::storage]
	pub type Gateways<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		T::GatewayDeposit,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A device was registered. Its deposit is in the balances pallet's `Held` event.
		DeviceRegistered { device: DeviceId, owner: T::AccountId, key: DeviceKey },
		/// A device's metadata changed, and its deposit with the metadata's size.
		MetadataUpdated { device: DeviceId },
		/// A device now signs with `new_key`; `key_version` counts its rotations.
		KeyRotated { device: DeviceId, old_key: DeviceKey, new_key: DeviceKey, key_version: u32 },
		/// A device moved to a new owner, who now holds its deposit; the previous owner's
		/// deposit was released.
		DeviceTransferred { device: DeviceId, from: T::AccountId, to: T::AccountId },
		/// The owner suspended a device; it cannot anchor until resumed.
		DeviceSuspended { device: DeviceId },
		/// The owner resumed a suspended device.
		DeviceResumed { device: DeviceId },
		/// Governance revoked a device; it can never anchor again.
		DeviceRevoked { device: DeviceId },
		/// A device was removed and its deposit released to `owner`.
		DeviceDeregistered { device: DeviceId, owner: T::AccountId },
		/// A device committed to a batch of readings. `anchor_hash` is the new head of its
		/// chain: `next_anchor_hash(previous head, anchor)`.
		DataAnchored {
			device: DeviceId,
			anchor: Anchor,
			anchor_hash: H256,
			submitter: T::AccountId,
		},
		/// Entry `index` of an `anchor_batch` was not anchored, for `error` (the error
		/// `anchor_data` would have returned); the batch's other entries were.
		AnchorRejected { index: u32, device: DeviceId, sequence: u64, error: DispatchError },
		/// `owner` let `gateway` submit anchors for all its devices.
		GatewayAuthorized { owner: T::AccountId, gateway: T::AccountId },
		/// `owner` withdrew `gateway`'s authorization.
		GatewayRevoked { owner: T::AccountId, gateway: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No device with this id is registered.
		UnknownDevice,
		/// The caller does not own the device.
		NotOwner,
		/// The caller is neither the device's owner nor a gateway the owner authorized.
		NotOwnerOrGateway,
		/// The key is in use by a registered device.
		KeyAlreadyRegistered,
		/// The key belonged to a revoked device and is refused for good.
		KeyRevoked,
		/// The proof of possession is not the key's signature over the registration payload
		/// for this chain, this owner and the key's current nonce (wrong key, replayed or
		/// malformed).
		InvalidProofOfPossession,
		/// The device signature does not verify against the device's current key.
		InvalidSignature,
		/// The new key's signature over the rotation payload does not verify.
		InvalidNewKeySignature,
		/// The new key is the current key.
		SameKey,
		/// The anchor's sequence number is not greater than the last anchored one.
		SequenceNotIncreasing,
		/// The anchor's time range ends before it starts.
		InvalidTimeRange,
		/// The anchor commits to no readings.
		EmptyBatch,
		/// The device is suspended.
		DeviceSuspended,
		/// The device is revoked.
		DeviceRevoked,
		/// The device is not suspended.
		NotSuspended,
		/// The encoded metadata is larger than `MaxMetadataLen`.
		MetadataTooLarge,
		/// The account cannot pay the key fee.
		InsufficientBalance,
		/// The device already belongs to that account.
		AlreadyOwner,
		/// The gateway is already authorized.
		GatewayAlreadyAuthorized,
		/// The gateway is not authorized.
		UnknownGateway,
		/// An owner cannot be its own gateway.
		OwnerAsGateway,
		/// An anchor batch with no entries.
		EmptyBatchOfAnchors,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register a device under the caller's account.
		///
		/// `proof` is the device key's signature over
		/// `registration_payload(genesis hash, caller, key, nonce)` where `nonce` is the key's
		/// registration count (`Keys` storage, 0 for a new key). The device id is
		/// `device_id(genesis hash, key, nonce)`. Takes `DeviceDeposit` for the metadata's
		/// size from the caller, and `KeyFee` the first time the chain sees the key.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_device())]
		pub fn register_device(
			origin: OriginFor<T>,
			key: DeviceKey,
			metadata: DeviceMetadataOf<T>,
			proof: DeviceSignature,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_register_device(owner, key, metadata, proof)
		}

		/// Replace a device's metadata. The deposit follows the new size.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_metadata())]
		pub fn update_metadata(
			origin: OriginFor<T>,
			device: DeviceId,
			metadata: DeviceMetadataOf<T>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_update_metadata(owner, device, metadata)
		}

		/// Move a device to a new key. Both the current and the new key sign
		/// `rotation_payload(device, new_key, key_version)`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::rotate_key())]
		pub fn rotate_key(
			origin: OriginFor<T>,
			device: DeviceId,
			new_key: DeviceKey,
			old_key_signature: DeviceSignature,
			new_key_signature: DeviceSignature,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_rotate_key(owner, device, new_key, old_key_signature, new_key_signature)
		}

		/// Give a device to another account, which takes over its deposit: the new owner's
		/// deposit is held and the caller's released. Refused if the new owner cannot pay it.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::transfer_device())]
		pub fn transfer_device(
			origin: OriginFor<T>,
			device: DeviceId,
			new_owner: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let new_owner = T::Lookup::lookup(new_owner)?;
			Self::do_transfer_device(owner, device, new_owner)
		}

		/// Pause a device: its anchors are refused until it is resumed.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::suspend_device())]
		pub fn suspend_device(origin: OriginFor<T>, device: DeviceId) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_set_suspended(owner, device, true)
		}

		/// Resume a suspended device.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::resume_device())]
		pub fn resume_device(origin: OriginFor<T>, device: DeviceId) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_set_suspended(owner, device, false)
		}

		/// Remove a device and release its deposit. Its anchors stay in the chain's history;
		/// the key may be registered again with its next nonce unless the device was revoked.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::deregister_device())]
		pub fn deregister_device(origin: OriginFor<T>, device: DeviceId) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			Self::do_deregister_device(owner, device)
		}

		/// Revoke a compromised device for good (governance).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::revoke_device())]
		pub fn revoke_device(origin: OriginFor<T>, device: DeviceId) -> DispatchResult {
			T::RevokeOrigin::ensure_origin(origin)?;
			Self::do_revoke_device(device)
		}

		/// Anchor a batch of readings. Submitted by the device's owner or one of the owner's
		/// gateways; `signature` is the device key's signature over
		/// `anchor_payload(device, anchor)`.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::anchor_data())]
		pub fn anchor_data(
			origin: OriginFor<T>,
			device: DeviceId,
			anchor: Anchor,
			signature: DeviceSignature,
		) -> DispatchResult {
			let submitter = ensure_signed(origin)?;
			Self::do_anchor_data(submitter, device, anchor, signature)
		}

		/// Anchor many devices' batches in one transaction, as a gateway carrying a fleet does.
		///
		/// Each entry is checked as `anchor_data` checks it. An entry that fails (unknown,
		/// suspended or revoked device, a device the caller may not anchor for, a sequence
		/// already anchored, a bad signature, ...) is skipped with an `AnchorRejected` event,
		/// and the others are anchored: one device's fault does not hold back a fleet. The call
		/// is weighed with a gateway authorization read per entry; the reads an owner's own
		/// entries, or a second entry of the same owner, do not make are refunded.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::anchor_batch(entries.len() as u32))]
		pub fn anchor_batch(
			origin: OriginFor<T>,
			entries: BoundedVec<AnchorEntry, T::MaxBatchAnchors>,
		) -> DispatchResultWithPostInfo {
			let submitter = ensure_signed(origin)?;
			Self::do_anchor_batch(submitter, entries)
		}

		/// Let `gateway` submit anchors for all of the caller's devices. Takes `GatewayDeposit`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::authorize_gateway())]
		pub fn authorize_gateway(
			origin: OriginFor<T>,
			gateway: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let gateway = T::Lookup::lookup(gateway)?;
			Self::do_authorize_gateway(owner, gateway)
		}

		/// Withdraw a gateway's authorization and release its deposit.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::revoke_gateway())]
		pub fn revoke_gateway(
			origin: OriginFor<T>,
			gateway: AccountIdLookupOf<T>,
		) -> DispatchResult {
			let owner = ensure_signed(origin)?;
			let gateway = T::Lookup::lookup(gateway)?;
			Self::do_revoke_gateway(owner, gateway)
		}
	}
}

/// Account lookup source of a runtime.
pub type AccountIdLookupOf<T> =
	<<T as frame_system::Config>::Lookup as sp_runtime::traits::StaticLookup>::Source;

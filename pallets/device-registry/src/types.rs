use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use cpchain_primitives::device::{Anchor, DeviceId, DeviceKey, DeviceSignature};
use frame_support::{
	pallet_prelude::ConstU32, traits::fungible::Inspect, BoundedVec, CloneNoBound, DebugNoBound,
	EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_core::{Get, H256};

use crate::Config;

/// Balance of the currency deposits are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// Longest device kind/model string.
pub type MaxKindLen = ConstU32<64>;
/// Longest attribute key.
pub type MaxAttributeKeyLen = ConstU32<32>;
/// Longest attribute value.
pub type MaxAttributeValueLen = ConstU32<128>;

/// A free-form `key = value` attribute of a device.
pub type Attribute = (BoundedVec<u8, MaxAttributeKeyLen>, BoundedVec<u8, MaxAttributeValueLen>);

/// Descriptive data of a device. Its encoded size is limited by `Config::MaxMetadataLen` and
/// paid for by the deposit.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxAttributes))]
pub struct DeviceMetadata<MaxAttributes: Get<u32>> {
	/// Kind or model, e.g. `"obd2-dongle/v3"`.
	pub kind: BoundedVec<u8, MaxKindLen>,
	/// Hash of the firmware image the device runs.
	pub firmware_hash: H256,
	/// Free-form attributes such as location or vehicle id.
	pub attributes: BoundedVec<Attribute, MaxAttributes>,
}

/// The metadata type a runtime accepts.
pub type DeviceMetadataOf<T> = DeviceMetadata<<T as Config>::MaxAttributes>;

/// Lifecycle of a device.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub enum DeviceStatus {
	/// Can anchor data.
	Active,
	/// Paused by its owner; can be resumed.
	Suspended,
	/// Revoked by governance, for good. Its key can never be registered again.
	Revoked,
}

/// Where a device's anchor chain stands.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
)]
pub struct AnchorHead<BlockNumber> {
	/// Sequence number of the latest anchor, 0 before the first. The next must be greater.
	pub sequence: u64,
	/// Head of the hash chain: the device id before the first anchor.
	pub head: H256,
	/// Number of anchors accepted.
	pub count: u64,
	/// Total readings committed by those anchors.
	pub readings: u64,
	/// Block of the latest anchor.
	pub updated_at: BlockNumber,
}

/// A registered device. Everything `anchor_data` needs is in this one record, so an anchor
/// costs one read and one write of it.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
pub struct DeviceInfo<T: Config> {
	/// Account that owns the device and holds its deposit.
	pub owner: T::AccountId,
	/// Current device key.
	pub key: DeviceKey,
	/// Number of key rotations so far.
	pub key_version: u32,
	/// Lifecycle state.
	pub status: DeviceStatus,
	/// Deposit taken from the owner for the device's storage.
	pub deposit: T::DeviceDeposit,
	/// Block of registration.
	pub registered_at: BlockNumberFor<T>,
	/// The device's provenance chain.
	pub anchor: AnchorHead<BlockNumberFor<T>>,
}

/// What the chain remembers of a device key, for as long as the chain lives.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub struct KeyRecord {
	/// Registrations made with this key; the next proof of possession must sign this value.
	pub nonce: u32,
	/// The device currently using the key.
	pub device: Option<DeviceId>,
	/// The key belonged to a revoked device and can never be used again.
	pub revoked: bool,
}

/// One device's anchor in an [`crate::Pallet::anchor_batch`]: what
/// [`crate::Pallet::anchor_data`] takes.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct AnchorEntry {
	/// The device that signed the anchor.
	pub device: DeviceId,
	/// The batch it commits to.
	pub anchor: Anchor,
	/// The device key's signature over `anchor_payload(device, anchor)`.
	pub signature: DeviceSignature,
}

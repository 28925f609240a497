//! Types of the data market pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use cpchain_primitives::market::{CapsuleBytes, GrantId, ListingId};
use cpchain_primitives::{device::ProvenanceRef, pre::PublicKeyBytes};
use frame_support::{
	pallet_prelude::ConstU32,
	traits::{fungible::Inspect, Footprint},
	BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_core::H256;

use crate::Config;

pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// Identifier of a purchase: the id of the grant it opened.
pub type PurchaseId = GrantId;

/// Number of a subscription period: period `k` of a listing created at block `c` with period
/// length `p` covers blocks `c + k·p .. c + (k+1)·p`. A dataset has only period 0.
pub type PeriodIndex = u32;

/// Most bytes of license terms: the text itself or, for longer terms, a hash and a URL.
pub type MaxLicenseLen = ConstU32<256>;
/// Most tags of a listing.
pub type MaxTags = ConstU32<8>;
/// Most bytes of one tag.
pub type MaxTagLen = ConstU32<32>;

/// License terms of a listing.
pub type License = BoundedVec<u8, MaxLicenseLen>;
/// A category or tag, such as `traffic` or `ev/battery`.
pub type Tag = BoundedVec<u8, MaxTagLen>;
/// The tags of a listing.
pub type Tags = BoundedVec<Tag, MaxTags>;

/// What a listing sells.
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
pub enum Offer<BlockNumber> {
	/// One dataset, bought once for the listing's price.
	Dataset,
	/// A stream sold by periods of `period` blocks from the listing's creation, each for the
	/// listing's price. The seller publishes each period's content and capsule.
	Subscription { period: BlockNumber },
}

/// Everything a new listing states, as `create_listing` takes it (polkadot.js shows it as one
/// form).
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
pub struct NewListing<T: Config> {
	/// Dataset, or subscription to a stream starting with this content as period 0.
	pub offer: Offer<BlockNumberFor<T>>,
	/// Price of the dataset, or of one period.
	pub price: BalanceOf<T>,
	/// Root of the encrypted content's segment tree (`cpchain_primitives::storage`).
	pub content_root: H256,
	/// Size of the encrypted content in bytes.
	pub size: u64,
	/// Number of 1 KiB segments: `segment_count(size)`.
	pub segments: u64,
	/// Umbral capsule of the content's data key, under `delegating_key`.
	pub capsule: CapsuleBytes,
	/// The listing's delegating public key.
	pub delegating_key: PublicKeyBytes,
	/// The public key that signs the key fragments re-encrypting the capsule for buyers.
	pub verifying_key: PublicKeyBytes,
	/// License terms.
	pub license: License,
	/// Category and tags.
	pub tags: Tags,
	/// Anchors of the seller's active devices the data came from.
	pub provenance: BoundedVec<ProvenanceRef, T::MaxProvenanceRefs>,
	/// Last block at which it sells, if any.
	pub expires_at: Option<BlockNumberFor<T>>,
}

/// The content of one period (of the whole dataset, for a dataset) and the capsule of its key.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct PeriodContent {
	/// The period.
	pub period: PeriodIndex,
	/// Root of the encrypted content's segment tree (`cpchain_primitives::storage`).
	pub content_root: H256,
	/// Size of the encrypted content in bytes.
	pub size: u64,
	/// Number of 1 KiB segments.
	pub segments: u64,
	/// Umbral capsule of the content's data key, under the listing's delegating key.
	pub capsule: CapsuleBytes,
}

/// Whether a listing sells.
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
pub enum ListingStatus {
	/// Open to purchases.
	Active,
	/// The seller paused it; no purchases until resumed.
	Paused,
	/// Withdrawn for good; kept only until its open purchases are settled.
	Delisted,
}

/// A listing of encrypted data.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
pub struct Listing<T: Config> {
	/// Who sells it and gets paid.
	pub seller: T::AccountId,
	/// Dataset or subscription.
	pub offer: Offer<BlockNumberFor<T>>,
	/// Price of the dataset, or of one period.
	pub price: BalanceOf<T>,
	/// The listing's Umbral delegating public key: capsules are made for it.
	pub delegating_key: PublicKeyBytes,
	/// The public key that signs the listing's key fragments.
	pub verifying_key: PublicKeyBytes,
	/// The content on sale: the dataset, or the current and next periods of a stream.
	pub content: BoundedVec<PeriodContent, ConstU32<2>>,
	/// License terms.
	pub license: License,
	/// Category and tags.
	pub tags: Tags,
	/// The device anchors the data came from, all of devices the seller owns.
	pub provenance: BoundedVec<ProvenanceRef, T::MaxProvenanceRefs>,
	/// Last block at which it sells, if any.
	pub expires_at: Option<BlockNumberFor<T>>,
	/// Whether it sells.
	pub status: ListingStatus,
	/// Block it was created at; subscription periods count from it.
	pub created_at: BlockNumberFor<T>,
	/// Purchases not yet settled.
	pub open_purchases: u32,
	/// Deposit taken from the seller for the listing's bytes. Encoded last: a listing's
	/// footprint is its encoded size without it ([`Listing::footprint`]).
	pub deposit: T::ListingDeposit,
}

impl<T: Config> Listing<T> {
	/// What the listing stores, which its deposit pays for: one record of its encoded size,
	/// not counting the deposit itself.
	pub fn footprint(&self) -> Footprint {
		Footprint::from_parts(1, self.encoded_size().saturating_sub(self.deposit.encoded_size()))
	}
}

/// Where a purchase is in its life.
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
pub enum PurchaseStatus {
	/// The price is in escrow until the grant is fulfilled or the deadline passes.
	Pending,
	/// Access was delivered and the seller paid; the buyer may rate it.
	Completed,
}

/// A purchase of one listing (one period of a subscription) by one buyer.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
pub struct Purchase<T: Config> {
	/// What was bought.
	pub listing: ListingId,
	/// The period bought (0 for a dataset).
	pub period: PeriodIndex,
	/// Who bought it.
	pub buyer: T::AccountId,
	/// Who sold it.
	pub seller: T::AccountId,
	/// Price held in escrow from the buyer.
	pub price: BalanceOf<T>,
	/// Last block for the grant to be fulfilled; after it the buyer is refunded.
	pub deadline: BlockNumberFor<T>,
	/// Where it is in its life.
	pub status: PurchaseStatus,
	/// Deposit taken from the buyer until the purchase is refunded or rated.
	pub deposit: T::PurchaseDeposit,
}

/// A buyer's subscription to a stream.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct Subscription<Deposit> {
	/// Last period delivered (its purchase completed); `None` before the first. A period
	/// counts only once delivered, so a refunded purchase can be made again.
	pub delivered_through: Option<PeriodIndex>,
	/// Deposit taken from the subscriber for this record.
	pub deposit: Deposit,
}

/// A seller's record, from on-chain outcomes only.
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
pub struct Reputation {
	/// Purchases delivered (grant fulfilled).
	pub fulfilled: u32,
	/// Purchases refunded: not delivered in time, or revoked by the seller.
	pub refunded: u32,
	/// Ratings left by buyers of completed purchases.
	pub ratings: u32,
	/// Sum of those ratings (1 to 5 each).
	pub rating_sum: u32,
}

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// A device of `owner` whose anchors go up to sequence `last`.
	fn anchored_device(
		owner: &AccountId,
		index: u32,
		last: u64,
	) -> cpchain_primitives::device::DeviceId;
}

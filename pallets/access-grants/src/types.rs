//! Types of the access grants pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
pub use cpchain_primitives::market::{
	CapsuleBytes, GrantId, GrantManager, GrantOutcome, GrantStatus, ListingId, ListingSeller,
	SealedKey,
};
use cpchain_primitives::pre::{PublicKeyBytes, CAPSULE_FRAG_LEN};
use frame_support::{
	pallet_prelude::ConstU32,
	traits::{fungible::Inspect, Footprint},
	BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

use crate::Config;
pub use cpchain_pallet_support::stake::StakeStatus;

pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// An encoded Umbral capsule fragment ([`cpchain_primitives::pre::encode_capsule_frag`]).
pub type FragmentBytes = BoundedVec<u8, ConstU32<{ CAPSULE_FRAG_LEN as u32 }>>;

/// A grant of access to a listing's data for one grantee.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
pub struct Grant<T: Config> {
	/// The listing the grant gives access to.
	pub listing: ListingId,
	/// The seller, whose data key is re-encrypted.
	pub grantor: T::AccountId,
	/// The buyer, who pays the deposit and gets access.
	pub grantee: T::AccountId,
	/// The grantee's Umbral public key, which fragments are re-encrypted for.
	pub grantee_key: PublicKeyBytes,
	/// The sealed data key and the keys the fragments are verified against.
	pub sealed: SealedKey,
	/// Number of fragments (from distinct key fragments) needed to decrypt.
	pub threshold: u8,
	/// Last block at which fragments are taken.
	pub deadline: BlockNumberFor<T>,
	/// Where the grant is in its life.
	pub status: GrantStatus<BlockNumberFor<T>>,
	/// Deposit taken from the grantee until the grant is pruned.
	pub deposit: T::GrantDeposit,
}

/// A verified capsule fragment stored on chain for the grantee to read.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
pub struct Fragment<T: Config> {
	/// Who submitted it: the grantor or one of the listing's proxies.
	pub submitter: T::AccountId,
	/// Id of the key fragment it was made with.
	pub key_frag_id: [u8; 32],
	/// The encoded capsule fragment.
	pub bytes: FragmentBytes,
}

/// The verified fragments of a grant.
pub type FragmentsOf<T> = BoundedVec<Fragment<T>, <T as Config>::MaxThreshold>;

/// A re-encryption proxy: holds key fragments off chain and submits re-encryptions.
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct ProxyInfo<Balance, BlockNumber> {
	/// Held stake; faults are slashed from it.
	pub stake: Balance,
	/// Whether it takes work.
	pub status: StakeStatus<BlockNumber>,
	/// Verified fragments it submitted.
	pub fragments: u32,
	/// Fragments it submitted that failed verification.
	pub faults: u32,
	/// Total slashed from its stake.
	pub slashed: Balance,
}

/// The proxies a seller assigned to a listing, and how many fragments its grants need.
#[derive(
	Encode, Decode, MaxEncodedLen, TypeInfo, CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound,
)]
#[scale_info(skip_type_params(T))]
pub struct Delegation<T: Config> {
	/// The seller who set it and whose deposit it holds.
	pub owner: T::AccountId,
	/// Proxies that may submit fragments for the listing's grants, besides the seller.
	pub proxies: BoundedVec<T::AccountId, T::MaxProxies>,
	/// Fragments a new grant of the listing needs.
	pub threshold: u8,
	/// Deposit taken from the seller for this record.
	pub deposit: T::DelegationDeposit,
}

/// What a grant needing `threshold` fragments keeps in storage: the grant record and the
/// fragments, at their largest.
pub fn grant_footprint<T: Config>(threshold: u8) -> Footprint {
	let fragment = Fragment::<T>::max_encoded_len();
	let size =
		Grant::<T>::max_encoded_len().saturating_add(fragment.saturating_mul(threshold.into()));
	Footprint::from_parts(1, size)
}

/// What the benchmarks need from the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// A new listing sold by `seller`.
	fn create_listing(seller: &AccountId) -> ListingId;
}

//! What the data market and the access grants ask of each other. Each pallet depends on these
//! interfaces, not on the other pallet; the runtime connects them.

use crate::pre::{PublicKeyBytes, CAPSULE_LEN};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{traits::ConstU32, BoundedVec, DispatchError, DispatchResult, Weight};

/// Identifier of a listing of the data market.
pub type ListingId = u64;

/// Identifier of a grant. The data market uses it as the id of the purchase that opened it.
pub type GrantId = u64;

/// An encoded Umbral capsule ([`crate::pre::encode_capsule`]).
pub type CapsuleBytes = BoundedVec<u8, ConstU32<{ CAPSULE_LEN as u32 }>>;

/// A data key sealed in an Umbral capsule, with the public keys its re-encryptions are
/// verified against: the listing's delegating key (the key the capsule was made for) and its
/// verifying key (the key that signs the key fragments).
#[derive(
	Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Clone, PartialEq, Eq, Debug,
)]
pub struct SealedKey {
	/// The capsule of the data key.
	pub capsule: CapsuleBytes,
	/// The listing's delegating public key.
	pub delegating_key: PublicKeyBytes,
	/// The public key that signs the listing's key fragments.
	pub verifying_key: PublicKeyBytes,
}

/// Where a grant is in its life.
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
pub enum GrantStatus<BlockNumber> {
	/// Waiting for capsule fragments until the grant's deadline.
	Requested,
	/// `threshold` verified fragments were stored at block `at`: the grantee can decrypt.
	Fulfilled { at: BlockNumber },
	/// The grantor revoked the grant before it was fulfilled, at block `at`.
	Revoked { at: BlockNumber },
	/// The deadline passed without enough fragments; ended at block `at`.
	Expired { at: BlockNumber },
}

/// Who sells a listing. Implemented by the data market.
pub trait ListingSeller<AccountId> {
	/// The seller of `listing`, if it exists.
	fn seller(listing: ListingId) -> Option<AccountId>;
}

/// What happens when a grant is settled. Implemented by the data market, which releases or
/// refunds the escrow. An error aborts the call that settled the grant.
pub trait GrantOutcome {
	/// `grant` got its `threshold` verified fragments.
	fn on_fulfilled(grant: GrantId) -> DispatchResult;
	/// The grantor revoked `grant` before it was fulfilled.
	fn on_revoked(grant: GrantId) -> DispatchResult;
	/// Most weight `on_fulfilled` or `on_revoked` takes.
	fn weight() -> Weight;
}

/// What the data market asks of grants. Implemented by the access grants.
pub trait GrantManager<AccountId, BlockNumber> {
	/// Opens a grant of `listing` from `grantor` to `grantee`, to be fulfilled by `deadline`
	/// with fragments re-encrypting `key.capsule` for `grantee_key`. Takes the grant's deposit
	/// from `grantee`. The caller has checked that the keys and the capsule decode
	/// ([`crate::pre::decode_public_key`], [`crate::pre::decode_capsule`]) when they entered
	/// the chain: the grants verify fragments against them as they are, without decoding them.
	fn request(
		listing: ListingId,
		grantor: AccountId,
		grantee: AccountId,
		grantee_key: PublicKeyBytes,
		key: SealedKey,
		deadline: BlockNumber,
	) -> Result<GrantId, DispatchError>;
	/// Ends a grant whose deadline passed unfulfilled.
	fn expire(grant: GrantId) -> DispatchResult;
	/// The status of a grant, while it is kept.
	fn status(grant: GrantId) -> Option<GrantStatus<BlockNumber>>;
}

//! Reads of the access grants pallet, exposed to clients as a runtime API
//! (`api.call.accessGrantsApi.*` in polkadot.js). A buyer reads its grant's verified capsule
//! fragments here and decrypts off chain; a seller's agent or a proxy watches for grants to
//! fulfil.

use crate::*;
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use cpchain_primitives::pre::PublicKeyBytes;
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

/// A grant as clients see it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct GrantDetails<AccountId, BlockNumber> {
	/// The listing the grant gives access to.
	pub listing: ListingId,
	/// The seller.
	pub grantor: AccountId,
	/// The buyer.
	pub grantee: AccountId,
	/// The buyer's Umbral public key.
	pub grantee_key: PublicKeyBytes,
	/// The capsule and keys fragments are verified against.
	pub sealed: SealedKey,
	/// Fragments needed.
	pub threshold: u8,
	/// Last block fragments are taken.
	pub deadline: BlockNumber,
	/// Where the grant is in its life.
	pub status: GrantStatus<BlockNumber>,
	/// Fragments stored so far.
	pub fragments: u32,
}

/// A stored fragment as clients see it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct FragmentDetails<AccountId> {
	/// Who submitted it.
	pub submitter: AccountId,
	/// The encoded capsule fragment.
	pub bytes: Vec<u8>,
}

sp_api::decl_runtime_apis! {
	/// Reads of the access grants pallet.
	pub trait AccessGrantsApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// A grant, until it is pruned.
		fn grant(id: GrantId) -> Option<GrantDetails<AccountId, BlockNumber>>;
		/// Ids of the grants of `grantee` that are not pruned.
		fn grants_of(grantee: AccountId) -> Vec<GrantId>;
		/// The verified capsule fragments of a grant, for its grantee to decrypt with.
		fn fragments(id: GrantId) -> Vec<FragmentDetails<AccountId>>;
		/// A proxy: stake, status, fragments submitted and faults.
		fn proxy(who: AccountId) -> Option<ProxyInfo<Balance, BlockNumber>>;
		/// Proxies assigned to a listing and the threshold of its new grants.
		fn delegation(listing: ListingId) -> (Vec<AccountId>, u8);
	}
}

impl<T: Config> Pallet<T> {
	/// See [`AccessGrantsApi::grant`].
	pub fn grant(id: GrantId) -> Option<GrantDetails<T::AccountId, BlockNumberFor<T>>> {
		let g = Grants::<T>::get(id)?;
		Some(GrantDetails {
			listing: g.listing,
			grantor: g.grantor,
			grantee: g.grantee,
			grantee_key: g.grantee_key,
			sealed: g.sealed,
			threshold: g.threshold,
			deadline: g.deadline,
			status: g.status,
			fragments: Fragments::<T>::decode_len(id).unwrap_or(0) as u32,
		})
	}

	/// See [`AccessGrantsApi::grants_of`].
	pub fn grants_of(grantee: &T::AccountId) -> Vec<GrantId> {
		GrantsOf::<T>::iter_key_prefix(grantee).collect()
	}

	/// See [`AccessGrantsApi::fragments`].
	pub fn fragments(id: GrantId) -> Vec<FragmentDetails<T::AccountId>> {
		Fragments::<T>::get(id)
			.into_iter()
			.map(|f| FragmentDetails { submitter: f.submitter, bytes: f.bytes.into() })
			.collect()
	}

	/// See [`AccessGrantsApi::proxy`].
	pub fn proxy(who: &T::AccountId) -> Option<ProxyInfo<BalanceOf<T>, BlockNumberFor<T>>> {
		Proxies::<T>::get(who)
	}

	/// See [`AccessGrantsApi::delegation`].
	pub fn delegation(listing: ListingId) -> (Vec<T::AccountId>, u8) {
		Delegations::<T>::get(listing).map_or((Vec::new(), 1), |d| (d.proxies.into(), d.threshold))
	}
}

//! Reads of the storage proofs pallet, exposed to clients as a runtime API
//! (`api.call.storageProofsApi.*` in polkadot.js). Storage providers poll
//! `open_challenges` to learn what they must prove.

use crate::*;
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

/// An order with the providers holding it.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct OrderDetails<AccountId, Balance, BlockNumber> {
	/// The order.
	pub order: Order<AccountId, Balance, BlockNumber>,
	/// Its providers and their standing on it.
	pub replicas: Vec<(AccountId, Replica<BlockNumber>)>,
}

sp_api::decl_runtime_apis! {
	/// Reads of the storage proofs pallet.
	pub trait StorageProofsApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// A provider: stake, capacity, endpoint, status and proof history (proved, missed,
		/// evicted, slashed, earned).
		fn provider(who: AccountId) -> Option<ProviderInfo<Balance, BlockNumber>>;
		/// An order and its providers.
		fn order(id: OrderId) -> Option<OrderDetails<AccountId, Balance, BlockNumber>>;
		/// Ids of the orders `owner` placed that have not ended.
		fn orders_of(owner: AccountId) -> Vec<OrderId>;
		/// Challenges `provider` must still answer, with their ids.
		fn open_challenges(provider: AccountId) -> Vec<(ChallengeId, Challenge<AccountId, BlockNumber>)>;
		/// Least fee `place_order` takes for `replicas` copies of `size` bytes kept `duration`
		/// blocks.
		fn min_fee(size: u64, replicas: u32, duration: BlockNumber) -> Balance;
	}
}

impl<T: Config> Pallet<T> {
	/// See [`StorageProofsApi::provider`].
	pub fn provider(who: &T::AccountId) -> Option<ProviderInfo<BalanceOf<T>, BlockNumberFor<T>>> {
		Providers::<T>::get(who)
	}

	/// See [`StorageProofsApi::order`].
	pub fn order(
		id: OrderId,
	) -> Option<OrderDetails<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let order = Orders::<T>::get(id)?;
		Some(OrderDetails {
			order: order.without_deposit(),
			replicas: Replicas::<T>::iter_prefix(id).collect(),
		})
	}

	/// See [`StorageProofsApi::orders_of`].
	pub fn orders_of(owner: &T::AccountId) -> Vec<OrderId> {
		OrdersOf::<T>::iter_key_prefix(owner).collect()
	}

	/// See [`StorageProofsApi::open_challenges`].
	pub fn open_challenges(provider: &T::AccountId) -> Vec<(ChallengeId, ChallengeOf<T>)> {
		Round::<T>::get()
			.into_iter()
			.filter_map(|id| Challenges::<T>::get(id).map(|challenge| (id, challenge)))
			.filter(|(_, challenge)| &challenge.provider == provider)
			.collect()
	}

	/// See [`StorageProofsApi::min_fee`].
	pub fn min_fee_for(size: u64, replicas: u32, duration: BlockNumberFor<T>) -> BalanceOf<T> {
		Self::min_fee(cpchain_primitives::storage::segment_count(size), replicas, duration)
	}
}

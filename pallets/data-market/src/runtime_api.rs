//! Reads of the data market, exposed to clients as a runtime API (`api.call.dataMarketApi.*`
//! in polkadot.js).

use crate::*;
use alloc::vec::Vec;
use codec::Codec;
use cpchain_primitives::market::ListingId;

sp_api::decl_runtime_apis! {
	/// Reads of the data market. `Listing` and `Purchase` are the pallet's records, as the
	/// runtime's metadata describes them.
	pub trait DataMarketApi<AccountId, Listing, Purchase>
	where
		AccountId: Codec,
		Listing: Codec,
		Purchase: Codec,
	{
		/// A listing, until it is delisted and settled.
		fn listing(id: ListingId) -> Option<Listing>;
		/// Ids of the listings of `seller`.
		fn listings_of(seller: AccountId) -> Vec<ListingId>;
		/// A purchase, while pending and, once completed, until rated.
		fn purchase(id: PurchaseId) -> Option<Purchase>;
		/// The pending purchases of `buyer`, with their ids.
		fn open_purchases(buyer: AccountId) -> Vec<(PurchaseId, Purchase)>;
		/// A seller's reputation: purchases fulfilled and refunded, and buyers' ratings.
		fn reputation(seller: AccountId) -> Reputation;
	}
}

impl<T: Config> Pallet<T> {
	/// See [`DataMarketApi::listing`].
	pub fn listing(id: ListingId) -> Option<Listing<T>> {
		Listings::<T>::get(id)
	}

	/// See [`DataMarketApi::listings_of`].
	pub fn listings_of(seller: &T::AccountId) -> Vec<ListingId> {
		ListingsOf::<T>::iter_key_prefix(seller).collect()
	}

	/// See [`DataMarketApi::purchase`].
	pub fn purchase_details(id: PurchaseId) -> Option<Purchase<T>> {
		Purchases::<T>::get(id)
	}

	/// See [`DataMarketApi::open_purchases`].
	pub fn open_purchases(buyer: &T::AccountId) -> Vec<(PurchaseId, Purchase<T>)> {
		OpenPurchase::<T>::iter_prefix_values(buyer)
			.filter_map(|id| Purchases::<T>::get(id).map(|p| (id, p)))
			.collect()
	}

	/// See [`DataMarketApi::reputation`].
	pub fn reputation(seller: &T::AccountId) -> Reputation {
		Reputations::<T>::get(seller)
	}
}

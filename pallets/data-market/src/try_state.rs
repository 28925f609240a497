//! Invariants of the data market, checked by `try_state` on a live chain (try-runtime) and
//! after every unit test.

use crate::*;
use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
use cpchain_pallet_support::holds::ExpectedHolds;
use cpchain_primitives::market::ListingId;
use frame_support::ensure;
use sp_runtime::TryRuntimeError;

type Held<T> = ExpectedHolds<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

impl<T: Config> Pallet<T> {
	/// Every record agrees with the others, and the escrow held with the pending purchases.
	/// (Deposits are tickets of the runtime's choosing, opaque here: the mock checks them
	/// against its prices.)
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let (head, tail) = RefundBounds::<T>::get();
		ensure!(head <= tail, "refund queue head past its tail");
		let queued: BTreeSet<PurchaseId> = (head..tail).filter_map(RefundQueue::<T>::get).collect();

		let mut escrow = Held::<T>::default();
		let mut pending: BTreeMap<ListingId, u32> = BTreeMap::new();
		for (id, purchase) in Purchases::<T>::iter() {
			if purchase.status == PurchaseStatus::Pending {
				ensure!(
					OpenPurchase::<T>::get(&purchase.buyer, purchase.listing) == Some(id),
					"pending purchase not the buyer's open one"
				);
				ensure!(queued.contains(&id), "pending purchase not queued for refund");
				ensure!(
					Listings::<T>::contains_key(purchase.listing),
					"pending purchase of no listing"
				);
				*pending.entry(purchase.listing).or_default() += 1;
				escrow.add(purchase.buyer, purchase.price);
			}
		}
		for (buyer, listing, id) in OpenPurchase::<T>::iter() {
			ensure!(
				Purchases::<T>::get(id).is_some_and(|p| p.buyer == buyer
					&& p.listing == listing
					&& p.status == PurchaseStatus::Pending),
				"open purchase is not pending"
			);
		}
		escrow.check::<T::Currency>(&HoldReason::Escrow.into())?;

		let next = NextListingId::<T>::get();
		for (id, listing) in Listings::<T>::iter() {
			ensure!(id < next, "listing id not below NextListingId");
			ensure!(ListingsOf::<T>::contains_key(&listing.seller, id), "listing not its seller's");
			ensure!(
				listing.open_purchases == pending.get(&id).copied().unwrap_or(0),
				"open purchase count differs from the pending purchases"
			);
			ensure!(!listing.content.is_empty(), "listing without content");
			ensure!(
				listing.content.windows(2).all(|w| w[0].period < w[1].period),
				"periods out of order"
			);
		}
		for (seller, id, ()) in ListingsOf::<T>::iter() {
			ensure!(
				Listings::<T>::get(id).is_some_and(|l| l.seller == seller),
				"ListingsOf names a listing of someone else"
			);
		}
		Ok(())
	}
}

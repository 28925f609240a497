//! Invariants of the storage proofs, checked by `try_state` on a live chain (try-runtime) and
//! after every unit test.

use crate::{dispatchable_impls::DrawList, *};
use alloc::collections::btree_map::BTreeMap;
use cpchain_pallet_support::holds::ExpectedHolds;
use frame_support::ensure;
use sp_runtime::{traits::Saturating, TryRuntimeError};

type Held<T> = ExpectedHolds<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

impl<T: Config> Pallet<T> {
	/// Every record agrees with the others, and the stakes and fees held with the providers and
	/// orders. (Deposits are tickets of the runtime's choosing, opaque here: the mock checks them
	/// against its prices.)
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		// What the replicas add up to, per provider (bytes, count) and per order (count).
		let mut held_by: BTreeMap<T::AccountId, (u64, u32)> = BTreeMap::new();
		let mut filled: BTreeMap<OrderId, u32> = BTreeMap::new();
		let count = ReplicaCount::<T>::get();
		let mut replicas = 0u32;
		let now = Self::now();
		for (order, provider, replica) in Replicas::<T>::iter() {
			let Order { segments, ends_at, .. } =
				Orders::<T>::get(order).ok_or("replica of an ended order")?;
			ensure!(
				ReplicaAt::<T>::get(replica.slot) == Some((order, provider.clone())),
				"replica not at its slot"
			);
			ensure!(
				replica.weight == segments || (replica.weight == 0 && now >= ends_at),
				"replica's draw weight is neither its segments nor zero once over"
			);
			let entry = held_by.entry(provider).or_default();
			entry.0.saturating_accrue(Self::stored_bytes(segments));
			entry.1.saturating_inc();
			filled.entry(order).or_default().saturating_inc();
			replicas.saturating_inc();
		}
		ensure!(replicas == count, "replica count differs from the replicas");
		ensure!(!ReplicaAt::<T>::contains_key(count), "a slot past the replica count");
		let weights = (0..count).map(|slot| {
			ReplicaAt::<T>::get(slot)
				.and_then(|(order, provider)| Replicas::<T>::get(order, provider))
				.map_or(u64::MAX, |replica| replica.weight)
		});
		ensure!(DrawList::<T>::matches(weights), "draw weights' tree differs from the replicas");

		let mut stakes = Held::<T>::default();
		for (provider, info) in Providers::<T>::iter() {
			let (used, held) = held_by.remove(&provider).unwrap_or_default();
			ensure!(info.used == used && info.replicas == held, "provider's usage differs");
			ensure!(info.used <= info.capacity, "provider uses more than its capacity");
			stakes.add(provider, info.stake);
		}
		ensure!(held_by.is_empty(), "replica of an unknown provider");
		stakes.check::<T::Currency>(&HoldReason::ProviderStake.into())?;

		let next = NextOrderId::<T>::get();
		let mut fees = Held::<T>::default();
		for (id, order) in Orders::<T>::iter() {
			ensure!(id < next, "order id not below NextOrderId");
			ensure!(OrdersOf::<T>::contains_key(&order.owner, id), "order not its owner's");
			let held = filled.get(&id).copied().unwrap_or(0);
			ensure!(order.filled == held && held <= order.replicas, "order's replicas differ");
			ensure!(order.paid <= order.fee, "paid more than the fee");
			fees.add(order.owner, order.fee.saturating_sub(order.paid));
		}
		for (owner, id, ()) in OrdersOf::<T>::iter() {
			ensure!(
				Orders::<T>::get(id).is_some_and(|o| o.owner == owner),
				"OrdersOf names an order of someone else"
			);
		}
		fees.check::<T::Currency>(&HoldReason::OrderFee.into())?;

		for (id, challenge) in Challenges::<T>::iter() {
			ensure!(
				OpenChallenge::<T>::get(challenge.order, &challenge.provider) == Some(id),
				"challenge not its replica's open one"
			);
		}
		for (order, provider, id) in OpenChallenge::<T>::iter() {
			ensure!(
				Challenges::<T>::get(id)
					.is_some_and(|c| c.order == order && c.provider == provider),
				"open challenge is gone"
			);
		}
		Ok(())
	}
}

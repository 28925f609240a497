//! Storage migrations of the storage proofs, one module per storage version.
//!
//! Each migration is a [`VersionedMigration`]: it runs only when the chain's storage version is
//! the one it migrates from, then sets the new one. Its test writes the old layout, runs the
//! migration and checks the pallet's invariants.

use frame_support::migrations::VersionedMigration;

/// Version 1: challenges are drawn in proportion to the segments at risk. Every [`Replica`]
/// gets its draw weight, the weights' Fenwick tree ([`DrawWeights`]) is built over
/// `ReplicaAt`, and a provider's `used` counts whole segments (its capacity raised to match
/// if need be).
///
/// [`Replica`]: crate::Replica
/// [`DrawWeights`]: crate::DrawWeights
pub mod v1 {
	use super::*;
	use crate::{
		dispatchable_impls::DrawList, Config, OrderId, Orders, Pallet, Providers, Replica,
		ReplicaAt, ReplicaCount, Replicas,
	};
	use alloc::collections::btree_map::BTreeMap;
	use codec::{Decode, Encode};
	use frame_support::{
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use sp_runtime::traits::Saturating;

	/// A replica in version 0.
	#[derive(Encode, Decode)]
	pub struct ReplicaV0<BlockNumber> {
		/// When the provider accepted the order.
		pub accepted_at: BlockNumber,
		/// Paid up to this block.
		pub paid_until: BlockNumber,
		/// Missed challenges.
		pub strikes: u32,
		/// Position in `ReplicaAt`.
		pub slot: u32,
	}

	/// Weighs every replica by its order's segments and builds the tree; recounts what each
	/// provider keeps.
	pub struct Inner<T>(core::marker::PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for Inner<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut segments: BTreeMap<OrderId, u64> = BTreeMap::new();
			let mut used: BTreeMap<T::AccountId, u64> = BTreeMap::new();
			let mut replicas = 0u64;
			Replicas::<T>::translate::<ReplicaV0<frame_system::pallet_prelude::BlockNumberFor<T>>, _>(
				|order, provider, old| {
					replicas.saturating_inc();
					let weight = *segments
						.entry(order)
						.or_insert_with(|| Orders::<T>::get(order).map_or(0, |o| o.segments));
					let bytes = used.entry(provider).or_default();
					*bytes = bytes.saturating_add(Pallet::<T>::stored_bytes(weight));
					Some(Replica {
						accepted_at: old.accepted_at,
						paid_until: old.paid_until,
						strikes: old.strikes,
						slot: old.slot,
						weight,
					})
				},
			);
			let count = ReplicaCount::<T>::take();
			for slot in 0..count {
				let weight = ReplicaAt::<T>::get(slot)
					.and_then(|(order, provider)| Replicas::<T>::get(order, &provider))
					.map_or(0, |replica| replica.weight);
				DrawList::<T>::push(weight);
			}
			let providers = used.len() as u64;
			for (provider, bytes) in used {
				Providers::<T>::mutate(&provider, |info| {
					if let Some(info) = info {
						// A replica now takes its last segment whole.
						info.capacity = info.capacity.max(bytes);
						info.used = bytes;
					}
				});
			}
			// A slot reads its entry, its replica and at most 32 nodes, and writes one node.
			let (orders, slots) = (segments.len() as u64, u64::from(count));
			T::DbWeight::get().reads_writes(
				replicas + orders + providers + 34 * slots,
				replicas + providers + slots + 1,
			)
		}
	}

	/// The migration to add to the runtime's `Migrations`.
	pub type MigrateV0ToV1<T> =
		VersionedMigration<0, 1, Inner<T>, Pallet<T>, <T as frame_system::Config>::DbWeight>;
}

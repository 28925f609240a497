//! Invariants of the access grants, checked by `try_state` on a live chain (try-runtime) and
//! after every unit test.

use crate::*;
use alloc::collections::btree_set::BTreeSet;
use cpchain_pallet_support::holds::ExpectedHolds;
use cpchain_primitives::pre::precursor;
use frame_support::{ensure, traits::Get};
use sp_runtime::TryRuntimeError;

type Held<T> = ExpectedHolds<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

impl<T: Config> Pallet<T> {
	/// Every record agrees with the others, and the stakes held with the proxies. (Deposits
	/// are tickets of the runtime's choosing, opaque here: the mock checks them against its
	/// prices.)
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextGrantId::<T>::get();
		let (head, tail) = PruneBounds::<T>::get();
		ensure!(head <= tail, "prune queue head past its tail");
		let queued: BTreeSet<GrantId> = (head..tail).filter_map(PruneQueue::<T>::get).collect();

		for (id, grant) in Grants::<T>::iter() {
			ensure!(id < next, "grant id not below NextGrantId");
			ensure!(GrantsOf::<T>::contains_key(&grant.grantee, id), "grant missing from GrantsOf");
			let fragments = Fragments::<T>::get(id);
			ensure!(fragments.len() <= grant.threshold as usize, "more fragments than threshold");
			let sets: BTreeSet<_> = fragments.iter().map(|f| precursor(&f.bytes)).collect();
			ensure!(sets.len() <= 1 && !sets.contains(&None), "fragments of several sets");
			match grant.status {
				GrantStatus::Requested => {
					ensure!(!queued.contains(&id), "open grant in the prune queue")
				},
				GrantStatus::Fulfilled { .. } => {
					ensure!(fragments.len() == grant.threshold as usize, "fulfilled short");
					ensure!(queued.contains(&id), "settled grant not queued for pruning")
				},
				GrantStatus::Revoked { .. } | GrantStatus::Expired { .. } => {
					ensure!(queued.contains(&id), "settled grant not queued for pruning")
				},
			}
		}
		for (grantee, id, ()) in GrantsOf::<T>::iter() {
			ensure!(
				Grants::<T>::get(id).is_some_and(|g| g.grantee == grantee),
				"GrantsOf names a grant of someone else"
			);
		}
		for id in Fragments::<T>::iter_keys() {
			ensure!(Grants::<T>::contains_key(id), "fragments of a pruned grant");
		}

		let mut stakes = Held::<T>::default();
		for (proxy, info) in Proxies::<T>::iter() {
			stakes.add(proxy, info.stake);
		}
		stakes.check::<T::Currency>(&HoldReason::ProxyStake.into())?;

		for (_, delegation) in Delegations::<T>::iter() {
			let n = delegation.proxies.len();
			ensure!(
				delegation.threshold > 0
					&& u32::from(delegation.threshold) <= T::MaxThreshold::get()
					&& (n == 0 || usize::from(delegation.threshold) <= n),
				"delegation threshold out of range"
			);
			ensure!(
				(1..n).all(|i| !delegation.proxies[..i].contains(&delegation.proxies[i])),
				"a proxy twice in a delegation"
			);
		}
		Ok(())
	}
}

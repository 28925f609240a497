use crate::*;
use alloc::vec::Vec;
use cpchain_pallet_support::{
	holds,
	stake::{self, StakeError},
};
use cpchain_primitives::pre::{
	key_frag_id, precursor, verify_fragment, FragmentError, PublicKeyBytes,
};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{Consideration, Footprint},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{BlockNumberProvider, Saturating, Zero},
	Perbill,
};

impl<T: Config> From<StakeError> for Error<T> {
	fn from(error: StakeError) -> Self {
		match error {
			StakeError::Leaving => Error::<T>::NotProxy,
			StakeError::NotLeaving => Error::<T>::NotLeaving,
			StakeError::UnbondingNotOver => Error::<T>::UnbondingNotOver,
		}
	}
}

impl<T: Config> Pallet<T> {
	pub(crate) fn do_submit_fragments(
		who: T::AccountId,
		id: GrantId,
		fragments: BoundedVec<FragmentBytes, T::MaxThreshold>,
	) -> DispatchResultWithPostInfo {
		let mut grant = Grants::<T>::get(id).ok_or(Error::<T>::UnknownGrant)?;
		Self::ensure_open(&grant)?;
		ensure!(Self::may_submit(&who, &grant), Error::<T>::NotAuthorized);
		ensure!(!fragments.is_empty(), Error::<T>::NoFragments);
		let mut stored = Fragments::<T>::get(id);
		// The key-fragment set of the stored fragments: every fragment that counts is of it.
		let stored_set = stored.first().and_then(|f| precursor(&f.bytes));

		// Every fragment is checked, so that a faulty one is caught whatever else the call
		// carries; nothing is written before all are.
		let mut accepted: Vec<Fragment<T>> = Vec::with_capacity(fragments.len());
		let mut batch_set = None;
		let mut faulty = 0u32;
		let mut refused = None;
		for bytes in fragments {
			let (Some(key_frag_id), Some(set)) = (key_frag_id(&bytes), precursor(&bytes)) else {
				refused.get_or_insert(Error::<T>::MalformedFragment);
				continue;
			};
			if stored.iter().chain(&accepted).any(|f| f.key_frag_id == key_frag_id) {
				refused.get_or_insert(Error::<T>::DuplicateFragment);
				continue;
			}
			let sealed = &grant.sealed;
			match verify_fragment(
				&bytes,
				&sealed.capsule,
				&sealed.verifying_key,
				&sealed.delegating_key,
				&grant.grantee_key,
			) {
				Ok(()) if *batch_set.get_or_insert(set) != set => {
					refused.get_or_insert(Error::<T>::FragmentOfAnotherSet);
				},
				Ok(()) => accepted.push(Fragment { submitter: who.clone(), key_frag_id, bytes }),
				Err(FragmentError::Malformed) => {
					refused.get_or_insert(Error::<T>::MalformedFragment);
				},
				Err(FragmentError::IncorrectKeyFragSignature) => {
					refused.get_or_insert(Error::<T>::FragmentNotForGrant);
				},
				Err(FragmentError::IncorrectReencryption) => faulty.saturating_inc(),
			}
		}

		if faulty > 0 {
			// The fault stands; nothing else of this call is taken.
			Self::record_fault(&who, id, &grant.grantor, faulty);
			return Ok(().into());
		}
		if let Some(error) = refused {
			return Err(error.into());
		}
		if stored_set.is_some() && batch_set != stored_set {
			// Only the grantor, who made the key fragments, may start the grant over with
			// another set; a proxy's fragment of another set never counts.
			ensure!(who == grant.grantor, Error::<T>::FragmentOfAnotherSet);
			let count = stored.len() as u32;
			stored.clear();
			Self::deposit_event(Event::FragmentsDiscarded { grant: id, count });
		}
		ensure!(
			stored.len().saturating_add(accepted.len()) <= grant.threshold as usize,
			Error::<T>::TooManyFragments
		);
		let count = accepted.len() as u32;
		for fragment in accepted {
			// Cannot fail: the count was checked against the threshold, at most `MaxThreshold`.
			stored.try_push(fragment).map_err(|_| Error::<T>::TooManyFragments)?;
		}
		let total = stored.len() as u32;
		Fragments::<T>::insert(id, stored);
		Proxies::<T>::mutate(&who, |proxy| {
			if let Some(proxy) = proxy {
				proxy.fragments.saturating_accrue(count);
			}
		});
		Self::deposit_event(Event::FragmentsAccepted { grant: id, submitter: who, count, total });

		if total >= grant.threshold as u32 {
			grant.status = GrantStatus::Fulfilled { at: Self::now() };
			Self::settle(id, grant);
			T::Outcome::on_fulfilled(id)?;
			Self::deposit_event(Event::GrantFulfilled { grant: id });
		}
		Ok(().into())
	}

	/// A fault for each of `count` fragments; a proxy is slashed for each, to the grantor.
	fn record_fault(who: &T::AccountId, grant: GrantId, grantor: &T::AccountId, count: u32) {
		Faults::<T>::mutate(who, |faults| faults.saturating_accrue(count));
		let mut slashed = BalanceOf::<T>::zero();
		if let Some(mut proxy) = Proxies::<T>::get(who) {
			for _ in 0..count {
				// All of it to the grantor; burnt only if the grantor cannot take it.
				let moved = stake::slash::<_, T::Currency, ()>(
					&HoldReason::ProxyStake.into(),
					who,
					T::FaultSlash::get() * proxy.stake,
					grantor,
					Perbill::one(),
				);
				proxy.stake.saturating_reduce(moved);
				slashed.saturating_accrue(moved);
			}
			proxy.faults.saturating_accrue(count);
			proxy.slashed.saturating_accrue(slashed);
			Proxies::<T>::insert(who, proxy);
		}
		Self::deposit_event(Event::FaultRecorded { grant, submitter: who.clone(), count, slashed });
	}

	pub(crate) fn do_revoke_grant(who: T::AccountId, id: GrantId) -> DispatchResult {
		let mut grant = Grants::<T>::get(id).ok_or(Error::<T>::UnknownGrant)?;
		ensure!(grant.grantor == who, Error::<T>::NotGrantor);
		Self::ensure_open(&grant)?;
		grant.status = GrantStatus::Revoked { at: Self::now() };
		Self::settle(id, grant);
		T::Outcome::on_revoked(id)?;
		Self::deposit_event(Event::GrantRevoked { grant: id });
		Ok(())
	}

	pub(crate) fn do_release_grant(who: T::AccountId, id: GrantId) -> DispatchResult {
		let grant = Grants::<T>::get(id).ok_or(Error::<T>::UnknownGrant)?;
		ensure!(grant.grantee == who, Error::<T>::NotGrantee);
		ensure!(grant.status != GrantStatus::Requested, Error::<T>::GrantNotSettled);
		Self::remove_grant(id, grant);
		Ok(())
	}

	/// Removes a settled grant and its fragments and releases its deposit.
	pub(crate) fn remove_grant(id: GrantId, grant: Grant<T>) {
		// Taken when the grant was opened, given back only here: cannot fail.
		let _ = grant.deposit.drop(&grant.grantee);
		Grants::<T>::remove(id);
		Fragments::<T>::remove(id);
		GrantsOf::<T>::remove(&grant.grantee, id);
		Self::deposit_event(Event::GrantPruned { grant: id });
	}

	pub(crate) fn do_register_proxy(who: T::AccountId, stake: BalanceOf<T>) -> DispatchResult {
		ensure!(!Proxies::<T>::contains_key(&who), Error::<T>::AlreadyProxy);
		ensure!(stake >= T::MinProxyStake::get(), Error::<T>::StakeTooLow);
		holds::hold::<_, T::Currency>(&HoldReason::ProxyStake.into(), &who, stake)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		Proxies::<T>::insert(
			&who,
			ProxyInfo {
				stake,
				status: StakeStatus::Active,
				fragments: 0,
				faults: 0,
				slashed: Zero::zero(),
			},
		);
		Self::deposit_event(Event::ProxyRegistered { proxy: who, stake });
		Ok(())
	}

	pub(crate) fn do_unregister_proxy(who: T::AccountId) -> DispatchResult {
		let mut proxy = Proxies::<T>::get(&who).ok_or(Error::<T>::NotProxy)?;
		let unbonds_at =
			proxy.status.leave(Self::now(), T::ProxyUnbonding::get()).map_err(Error::<T>::from)?;
		Proxies::<T>::insert(&who, proxy);
		Self::deposit_event(Event::ProxyLeaving { proxy: who, unbonds_at });
		Ok(())
	}

	pub(crate) fn do_withdraw_proxy(who: T::AccountId) -> DispatchResult {
		let proxy = Proxies::<T>::get(&who).ok_or(Error::<T>::NotProxy)?;
		proxy.status.ensure_unbonded(Self::now()).map_err(Error::<T>::from)?;
		holds::release::<_, T::Currency>(&HoldReason::ProxyStake.into(), &who, proxy.stake)?;
		Proxies::<T>::remove(&who);
		Self::deposit_event(Event::ProxyRemoved { proxy: who, stake: proxy.stake });
		Ok(())
	}

	pub(crate) fn do_set_delegation(
		who: T::AccountId,
		listing: ListingId,
		proxies: BoundedVec<T::AccountId, T::MaxProxies>,
		threshold: u8,
	) -> DispatchResult {
		let old = Delegations::<T>::get(listing);
		match T::Listings::seller(listing) {
			Some(seller) => ensure!(seller == who, Error::<T>::NotSeller),
			// A listing that is gone keeps its delegation until its seller clears it.
			None => ensure!(
				old.as_ref().is_some_and(|d| d.owner == who)
					&& proxies.is_empty()
					&& threshold == 1,
				Error::<T>::UnknownListing
			),
		}
		ensure!(
			threshold > 0
				&& threshold as u32 <= T::MaxThreshold::get()
				&& (proxies.is_empty() || threshold as usize <= proxies.len()),
			Error::<T>::InvalidThreshold
		);
		for (i, proxy) in proxies.iter().enumerate() {
			ensure!(!proxies[..i].contains(proxy), Error::<T>::DuplicateProxy);
			ensure!(
				Proxies::<T>::get(proxy).is_some_and(|p| p.status.is_active()),
				Error::<T>::NotProxy
			);
		}
		if let Some(old) = old {
			old.deposit.drop(&old.owner)?;
			Delegations::<T>::remove(listing);
		}
		if !proxies.is_empty() || threshold != 1 {
			let footprint = Footprint::from_mel::<Delegation<T>>();
			let deposit = T::DelegationDeposit::new(&who, footprint)?;
			Delegations::<T>::insert(
				listing,
				Delegation { owner: who, proxies: proxies.clone(), threshold, deposit },
			);
		}
		Self::deposit_event(Event::DelegationSet { listing, proxies: proxies.into(), threshold });
		Ok(())
	}

	pub(crate) fn do_request(
		listing: ListingId,
		grantor: T::AccountId,
		grantee: T::AccountId,
		grantee_key: PublicKeyBytes,
		sealed: SealedKey,
		deadline: BlockNumberFor<T>,
	) -> Result<GrantId, DispatchError> {
		let threshold = Self::threshold_of(listing);
		let deposit = T::GrantDeposit::new(&grantee, grant_footprint::<T>(threshold))?;
		let id = NextGrantId::<T>::mutate(|next| {
			let id = *next;
			next.saturating_inc();
			id
		});
		Grants::<T>::insert(
			id,
			Grant {
				listing,
				grantor: grantor.clone(),
				grantee: grantee.clone(),
				grantee_key,
				sealed,
				threshold,
				deadline,
				status: GrantStatus::Requested,
				deposit,
			},
		);
		GrantsOf::<T>::insert(&grantee, id, ());
		Self::deposit_event(Event::GrantRequested {
			grant: id,
			listing,
			grantor,
			grantee,
			grantee_key,
			threshold,
			deadline,
		});
		Ok(id)
	}

	pub(crate) fn do_expire(id: GrantId) -> DispatchResult {
		let mut grant = Grants::<T>::get(id).ok_or(Error::<T>::UnknownGrant)?;
		ensure!(grant.status == GrantStatus::Requested, Self::closed_error(&grant.status));
		ensure!(Self::now() > grant.deadline, Error::<T>::DeadlineNotPassed);
		grant.status = GrantStatus::Expired { at: Self::now() };
		Self::settle(id, grant);
		Self::deposit_event(Event::GrantExpired { grant: id });
		Ok(())
	}

	/// Threshold a new grant of `listing` gets.
	pub(crate) fn threshold_of(listing: ListingId) -> u8 {
		Delegations::<T>::get(listing).map_or(1, |d| d.threshold)
	}

	/// Stores a grant's final status and queues it for pruning after `Retention`.
	fn settle(id: GrantId, grant: Grant<T>) {
		Grants::<T>::insert(id, grant);
		PruneQueueOf::<T>::push(id);
	}

	/// Fragments are taken while a grant is requested and its deadline has not passed.
	fn ensure_open(grant: &Grant<T>) -> DispatchResult {
		ensure!(grant.status == GrantStatus::Requested, Self::closed_error(&grant.status));
		ensure!(Self::now() <= grant.deadline, Error::<T>::GrantExpired);
		Ok(())
	}

	fn closed_error(status: &GrantStatus<BlockNumberFor<T>>) -> Error<T> {
		match status {
			GrantStatus::Fulfilled { .. } => Error::<T>::AlreadyFulfilled,
			GrantStatus::Revoked { .. } => Error::<T>::GrantRevoked,
			GrantStatus::Requested | GrantStatus::Expired { .. } => Error::<T>::GrantExpired,
		}
	}

	fn may_submit(who: &T::AccountId, grant: &Grant<T>) -> bool {
		*who == grant.grantor
			|| (Delegations::<T>::get(grant.listing).is_some_and(|d| d.proxies.contains(who))
				&& Proxies::<T>::get(who).is_some_and(|p| p.status.is_active()))
	}

	pub(crate) fn now() -> BlockNumberFor<T> {
		T::BlockNumberProvider::current_block_number()
	}
}

impl<T: Config> GrantManager<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn request(
		listing: ListingId,
		grantor: T::AccountId,
		grantee: T::AccountId,
		grantee_key: PublicKeyBytes,
		sealed: SealedKey,
		deadline: BlockNumberFor<T>,
	) -> Result<GrantId, DispatchError> {
		Self::do_request(listing, grantor, grantee, grantee_key, sealed, deadline)
	}

	fn expire(grant: GrantId) -> DispatchResult {
		Self::do_expire(grant)
	}

	fn status(grant: GrantId) -> Option<GrantStatus<BlockNumberFor<T>>> {
		Grants::<T>::get(grant).map(|g| g.status)
	}
}

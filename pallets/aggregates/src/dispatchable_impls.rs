use crate::{types::Member, *};
use cpchain_pallet_support::{holds, stake};
use cpchain_primitives::{
	aggregates::{
		self as crypto, CiphertextBytes, ComplaintProofBytes, ContributionError, ElementBytes,
		KeyError, ShareProofBytes, MAX_VALUE,
	},
	device::{DeviceId, DeviceKeys, DeviceSignature, ProvenanceError, VerifyDeviceSignature},
};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Saturating, Zero},
	Perbill,
};

impl<T: Config> From<KeyError> for Error<T> {
	fn from(error: KeyError) -> Self {
		match error {
			KeyError::MalformedElement => Error::<T>::MalformedKey,
			KeyError::MalformedProof => Error::<T>::MalformedProof,
			KeyError::InvalidProof => Error::<T>::InvalidProof,
			KeyError::WrongLength => Error::<T>::WrongLength,
			KeyError::CommitmentMismatch => Error::<T>::CommitmentMismatch,
		}
	}
}

impl<T: Config> Pallet<T> {
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn do_create_campaign(
		creator: T::AccountId,
		metric: Metric,
		max_value: u64,
		start: BlockNumberFor<T>,
		window_length: BlockNumberFor<T>,
		windows: u32,
		reward: BalanceOf<T>,
		budget: BalanceOf<T>,
		committee: BoundedVec<T::AccountId, MaxCommittee>,
		threshold: u32,
	) -> DispatchResult {
		ensure!((1..=MAX_VALUE).contains(&max_value), Error::<T>::InvalidRange);
		ensure!(window_length >= T::MinWindowLength::get(), Error::<T>::WindowTooShort);
		ensure!((1..=T::MaxWindows::get()).contains(&windows), Error::<T>::InvalidWindowCount);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(
			start >= now.saturating_add(T::KeyGenerationPeriod::get()),
			Error::<T>::StartTooSoon
		);
		let members = committee.len() as u32;
		ensure!(crypto::params(members, threshold).is_some(), Error::<T>::InvalidThreshold);
		for (i, account) in committee.iter().enumerate() {
			ensure!(!committee[..i].contains(account), Error::<T>::DuplicateMember);
		}
		ensure!(
			budget >= reward.saturating_add(T::ContributionDeposit::get()),
			Error::<T>::BudgetTooLow
		);
		let deposit = T::CampaignDeposit::get()
			.saturating_add(T::WindowDeposit::get().saturating_mul(windows.into()));
		holds::hold::<_, T::Currency>(
			&HoldReason::Campaign.into(),
			&creator,
			budget.saturating_add(deposit),
		)
		.map_err(|_| Error::<T>::InsufficientBalance)?;

		let campaign = NextCampaignId::<T>::get();
		NextCampaignId::<T>::put(campaign.saturating_add(1));
		let record = Campaign {
			creator: creator.clone(),
			metric: metric.clone(),
			max_value,
			start,
			window_length,
			windows,
			reward,
			budget,
			deposit,
			threshold,
			// As many members as the committee, which is bounded alike: nothing is truncated.
			members: BoundedVec::truncate_from(
				committee
					.iter()
					.map(|account| Member {
						account: account.clone(),
						bond: Zero::zero(),
						commitment: None,
						transport_key: None,
						published: false,
						share_key: None,
						confirmed: false,
						strikes: 0,
					})
					.collect(),
			),
			phase: Phase::Commitments,
			polynomial: BoundedVec::new(),
			key: None,
			windows_closed: 0,
		};
		Campaigns::<T>::insert(campaign, record);
		Self::deposit_event(Event::CampaignCreated {
			campaign,
			creator,
			metric,
			max_value,
			start,
			window_length,
			windows,
			reward,
			budget,
			deposit,
			committee,
			threshold,
		});
		Ok(())
	}

	pub(crate) fn do_join(owner: T::AccountId, campaign: CampaignId) -> DispatchResult {
		let record = Campaigns::<T>::get(campaign).ok_or(Error::<T>::UnknownCampaign)?;
		ensure!(!record.phase.is_over(), Error::<T>::NotActive);
		ensure!(!Participants::<T>::contains_key(campaign, &owner), Error::<T>::AlreadyJoined);
		let deposit = T::ParticipantDeposit::get();
		holds::hold::<_, T::Currency>(&HoldReason::Participant.into(), &owner, deposit)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		Participants::<T>::insert(campaign, &owner, deposit);
		Self::deposit_event(Event::Joined { campaign, owner });
		Ok(())
	}

	pub(crate) fn do_leave(owner: T::AccountId, campaign: CampaignId) -> DispatchResult {
		let deposit = Participants::<T>::take(campaign, &owner).ok_or(Error::<T>::NotJoined)?;
		holds::release::<_, T::Currency>(&HoldReason::Participant.into(), &owner, deposit)?;
		Self::deposit_event(Event::Left { campaign, owner });
		Ok(())
	}

	/// The campaign, checked to be at `phase` of the key generation before its first window,
	/// and the caller's index in its committee.
	fn key_step(
		who: &T::AccountId,
		campaign: CampaignId,
		phase: Phase,
	) -> Result<(CampaignOf<T>, usize), DispatchError> {
		let record = Campaigns::<T>::get(campaign).ok_or(Error::<T>::UnknownCampaign)?;
		let index = record.member_index::<T>(who)?;
		ensure!(record.phase == phase, Error::<T>::WrongPhase);
		ensure!(
			frame_system::Pallet::<T>::block_number() < record.start,
			Error::<T>::KeyGenerationOver
		);
		Ok((record, index))
	}

	/// Moves the campaign to `next` when every member has taken the step `done` tells.
	fn advance_if(
		campaign: CampaignId,
		record: &mut CampaignOf<T>,
		done: impl Fn(&Member<T::AccountId, BalanceOf<T>>) -> bool,
		next: Phase,
	) -> bool {
		if !record.members.iter().all(done) {
			return false;
		}
		record.phase = next;
		Self::deposit_event(Event::PhaseChanged { campaign, phase: next });
		true
	}

	pub(crate) fn do_commit_key(
		who: T::AccountId,
		campaign: CampaignId,
		commitment: [u8; 32],
		transport_key: ElementBytes,
	) -> DispatchResult {
		let (mut record, index) = Self::key_step(&who, campaign, Phase::Commitments)?;
		ensure!(record.members[index].commitment.is_none(), Error::<T>::AlreadyDone);
		ensure!(crypto::is_element(&transport_key), Error::<T>::MalformedKey);
		let bond = T::MemberBond::get();
		holds::hold::<_, T::Currency>(&HoldReason::MemberBond.into(), &who, bond)
			.map_err(|_| Error::<T>::InsufficientBalance)?;
		let member = &mut record.members[index];
		member.bond = bond;
		member.commitment = Some(commitment);
		member.transport_key = Some(transport_key);
		Self::deposit_event(Event::KeyCommitted { campaign, member: index as u32, bond });
		Self::advance_if(campaign, &mut record, |m| m.commitment.is_some(), Phase::Polynomials);
		Campaigns::<T>::insert(campaign, record);
		Ok(())
	}

	pub(crate) fn do_publish_key(
		who: T::AccountId,
		campaign: CampaignId,
		polynomial: Polynomial,
		opening: [u8; 32],
		proof: PossessionProofBytes,
		sealed: SealedShares,
	) -> DispatchResult {
		let (mut record, index) = Self::key_step(&who, campaign, Phase::Polynomials)?;
		ensure!(!record.members[index].published, Error::<T>::AlreadyDone);
		let members = record.members.len() as u32;
		ensure!(sealed.len() as u32 == members, Error::<T>::WrongLength);
		let params =
			crypto::params(members, record.threshold).ok_or(Error::<T>::InvalidThreshold)?;
		let commitment = record.members[index].commitment.ok_or(Error::<T>::WrongPhase)?;
		crypto::verify_polynomial(params, &commitment, &polynomial, &opening, &proof)
			.map_err(Error::<T>::from)?;
		if record.polynomial.is_empty() {
			record.polynomial = polynomial.clone();
		} else {
			let mut sum = record.polynomial.to_vec();
			crypto::add_polynomial(&mut sum, &polynomial).map_err(Error::<T>::from)?;
			// As long as the bounded polynomial it was copied from: nothing is truncated.
			record.polynomial = BoundedVec::truncate_from(sum);
		}
		record.members[index].published = true;
		Published::<T>::insert(campaign, index as u32, (polynomial, sealed));
		Self::deposit_event(Event::KeyPublished { campaign, member: index as u32 });
		if Self::advance_if(campaign, &mut record, |m| m.published, Phase::Confirmations) {
			let (shared, keys) =
				crypto::joint_keys(members, &record.polynomial).map_err(Error::<T>::from)?;
			record.key = Some(shared);
			for (member, key) in record.members.iter_mut().zip(keys) {
				member.share_key = Some(key);
			}
			record.polynomial = BoundedVec::new();
		}
		Campaigns::<T>::insert(campaign, record);
		Ok(())
	}

	pub(crate) fn do_confirm_key(
		who: T::AccountId,
		campaign: CampaignId,
		proof: PossessionProofBytes,
	) -> DispatchResult {
		let (mut record, index) = Self::key_step(&who, campaign, Phase::Confirmations)?;
		ensure!(!record.members[index].confirmed, Error::<T>::AlreadyDone);
		let params = crypto::params(record.members.len() as u32, record.threshold)
			.ok_or(Error::<T>::InvalidThreshold)?;
		let shared = record.key.ok_or(Error::<T>::WrongPhase)?;
		let share_key = record.members[index].share_key.ok_or(Error::<T>::WrongPhase)?;
		crypto::verify_participant_key(params, &shared, index as u32, &share_key, &proof)
			.map_err(Error::<T>::from)?;
		record.members[index].confirmed = true;
		Self::deposit_event(Event::KeyConfirmed { campaign, member: index as u32 });
		if Self::advance_if(campaign, &mut record, |m| m.confirmed, Phase::Active) {
			let _ = Published::<T>::clear_prefix(campaign, record.members.len() as u32, None);
			Self::deposit_event(Event::CampaignActivated { campaign, key: shared });
		}
		Campaigns::<T>::insert(campaign, record);
		Ok(())
	}

	pub(crate) fn do_complain(
		who: T::AccountId,
		campaign: CampaignId,
		dealer: MemberIndex,
		dh: ElementBytes,
		proof: ComplaintProofBytes,
	) -> DispatchResult {
		let (mut record, accuser) = Self::key_step(&who, campaign, Phase::Confirmations)?;
		let dealer_index = dealer as usize;
		ensure!(
			dealer_index < record.members.len() && dealer_index != accuser,
			Error::<T>::InvalidDealer
		);
		ensure!(!record.members[accuser].confirmed, Error::<T>::AlreadyDone);
		let (polynomial, sealed) =
			Published::<T>::get(campaign, dealer).ok_or(Error::<T>::WrongPhase)?;
		let sealed = sealed.get(accuser).ok_or(Error::<T>::WrongLength)?;
		let transport =
			|index: usize| record.members[index].transport_key.ok_or(Error::<T>::WrongPhase);
		let faulty = crypto::check_complaint(
			campaign,
			dealer,
			accuser as MemberIndex,
			&transport(dealer_index)?,
			&transport(accuser)?,
			&polynomial,
			sealed,
			&dh,
			&proof,
		)
		.map_err(Error::<T>::from)?;
		ensure!(faulty, Error::<T>::ComplaintUnfounded);
		let slashed = Self::slash_member(&mut record, dealer_index, T::DealerFaultSlash::get());
		Self::deposit_event(Event::DealerFaulted {
			campaign,
			dealer,
			accuser: accuser as MemberIndex,
			slashed,
		});
		Self::end_key_generation(campaign, record)
	}

	/// The window open at `now`, if any.
	pub(crate) fn open_window(
		record: &CampaignOf<T>,
		now: BlockNumberFor<T>,
	) -> Option<WindowIndex> {
		if now < record.start {
			return None;
		}
		let elapsed = now.saturating_sub(record.start) / record.window_length;
		let index: u32 = elapsed.try_into().ok()?;
		(index < record.windows).then_some(index)
	}

	/// The first block after `window`.
	pub(crate) fn window_end(record: &CampaignOf<T>, window: WindowIndex) -> BlockNumberFor<T> {
		record
			.start
			.saturating_add(record.window_length.saturating_mul(window.saturating_add(1).into()))
	}

	pub(crate) fn do_contribute(
		who: T::AccountId,
		campaign: CampaignId,
		window: WindowIndex,
		device: DeviceId,
		ciphertext: CiphertextBytes,
		proof: RangeProofBytes,
		signature: Option<DeviceSignature>,
	) -> DispatchResultWithPostInfo {
		let mut record = Campaigns::<T>::get(campaign).ok_or(Error::<T>::UnknownCampaign)?;
		ensure!(record.phase == Phase::Active, Error::<T>::NotActive);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(Self::open_window(&record, now) == Some(window), Error::<T>::WindowNotOpen);
		let (owner, key) = T::Devices::active_device(&device).map_err(|e| match e {
			ProvenanceError::NotOwned | ProvenanceError::Inactive => Error::<T>::DeviceInactive,
		})?;
		ensure!(Participants::<T>::contains_key(campaign, &owner), Error::<T>::NotEligible);
		match signature {
			Some(signature) => {
				let payload = crypto::contribution_payload(
					&cpchain_pallet_support::genesis_hash::<T>(),
					campaign,
					window,
					&device,
					&ciphertext,
				);
				ensure!(key.verify(&payload, &signature), Error::<T>::BadSignature);
			},
			None => ensure!(
				who == owner || T::Devices::is_gateway(&owner, &who),
				Error::<T>::NotAuthorized
			),
		}
		let last = Contributed::<T>::get(campaign, device);
		ensure!(last.map_or(true, |last| last < window), Error::<T>::AlreadyContributed);
		let new_record = last.is_none();
		let deposit = if new_record { T::ContributionDeposit::get() } else { Zero::zero() };
		let cost = record.reward.saturating_add(deposit);
		ensure!(record.budget >= cost, Error::<T>::BudgetExhausted);

		let range = crypto::prepared_range(record.max_value);
		let key = crypto::public_key(&record.key.ok_or(Error::<T>::NotActive)?)
			.map_err(Error::<T>::from)?;
		crypto::verify_contribution(&key, &range, campaign, window, &device, &ciphertext, &proof)
			.map_err(|e| match e {
			ContributionError::MalformedCiphertext => Error::<T>::MalformedCiphertext,
			ContributionError::MalformedProof => Error::<T>::MalformedProof,
			ContributionError::InvalidProof => Error::<T>::InvalidRangeProof,
		})?;

		let mut state = Windows::<T>::get(campaign, window).unwrap_or_else(Window::empty);
		state.sum = crypto::add_ciphertexts(&state.sum, &ciphertext)
			.ok_or(Error::<T>::MalformedCiphertext)?;
		state.count.saturating_inc();
		Windows::<T>::insert(campaign, window, state);
		Contributed::<T>::insert(campaign, device, window);
		record.deposit.saturating_accrue(deposit);
		record.budget.saturating_reduce(cost);
		if !record.reward.is_zero() {
			T::Currency::transfer_on_hold(
				&HoldReason::Campaign.into(),
				&record.creator,
				&owner,
				record.reward,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Polite,
			)?;
		}
		let (reward, max_value) = (record.reward, record.max_value);
		Campaigns::<T>::insert(campaign, record);
		Self::deposit_event(Event::Contributed { campaign, window, device, owner, reward });
		// The verification time steps up unevenly with the bits of the range: the line at one bit
		// more than the range's stays above every measured point, the largest range's included
		// (docs/benchmarks.md).
		let bits = (crypto::value_bits(max_value) + 1).min(crypto::MAX_VALUE_BITS + 1);
		Ok(Some(T::WeightInfo::contribute(bits)).into())
	}

	/// The campaign and the window's record, checked to be in its decryption period.
	fn decrypting(
		campaign: CampaignId,
		window: WindowIndex,
	) -> Result<(CampaignOf<T>, Window), DispatchError> {
		let record = Campaigns::<T>::get(campaign).ok_or(Error::<T>::UnknownCampaign)?;
		ensure!(matches!(record.phase, Phase::Active | Phase::Finished), Error::<T>::NotActive);
		ensure!(window < record.windows, Error::<T>::UnknownWindow);
		let end = Self::window_end(&record, window);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(
			now >= end && now < end.saturating_add(T::DecryptionPeriod::get()),
			Error::<T>::NotDecrypting
		);
		let state = Windows::<T>::get(campaign, window).ok_or(Error::<T>::TooFewContributions)?;
		ensure!(state.count >= T::MinContributions::get(), Error::<T>::TooFewContributions);
		ensure!(!state.closed, Error::<T>::AlreadyClosed);
		Ok((record, state))
	}

	pub(crate) fn do_submit_share(
		who: T::AccountId,
		campaign: CampaignId,
		window: WindowIndex,
		share: ElementBytes,
		proof: ShareProofBytes,
	) -> DispatchResult {
		let (record, mut state) = Self::decrypting(campaign, window)?;
		let index = record.member_index::<T>(&who)? as u32;
		ensure!(!state.shares.iter().any(|(i, _)| *i == index), Error::<T>::AlreadyDone);
		let params = crypto::params(record.members.len() as u32, record.threshold)
			.ok_or(Error::<T>::InvalidThreshold)?;
		let shared = record.key.ok_or(Error::<T>::NotActive)?;
		let share_key = record.members[index as usize].share_key.ok_or(Error::<T>::NotActive)?;
		crypto::verify_decryption_share(
			params, &shared, index, &share_key, &state.sum, &share, &proof,
		)
		.map_err(|_| Error::<T>::InvalidShare)?;
		// One share per member at most, and members are bounded alike: cannot be full.
		state.shares.try_push((index, share)).map_err(|_| Error::<T>::AlreadyDone)?;
		Windows::<T>::insert(campaign, window, state);
		Self::deposit_event(Event::ShareAccepted { campaign, window, member: index });
		Ok(())
	}

	pub(crate) fn do_submit_total(
		campaign: CampaignId,
		window: WindowIndex,
		total: u64,
	) -> DispatchResultWithPostInfo {
		let record = Campaigns::<T>::get(campaign).ok_or(Error::<T>::UnknownCampaign)?;
		let mut state = Windows::<T>::get(campaign, window).ok_or(Error::<T>::NotEnoughShares)?;
		ensure!(state.total.is_none(), Error::<T>::AlreadyDecrypted);
		ensure!(state.shares.len() as u32 >= record.threshold, Error::<T>::NotEnoughShares);
		let params = crypto::params(record.members.len() as u32, record.threshold)
			.ok_or(Error::<T>::InvalidThreshold)?;
		let shares = &state.shares[..record.threshold as usize];
		let right = crypto::check_total(params, &state.sum, shares, total)
			.map_err(|_| Error::<T>::WrongTotal)?;
		ensure!(right, Error::<T>::WrongTotal);
		state.total = Some(total);
		let count = state.count;
		Windows::<T>::insert(campaign, window, state);
		Self::deposit_event(Event::WindowDecrypted { campaign, window, total, count });
		Ok(Some(T::WeightInfo::submit_total(record.threshold)).into())
	}

	/// Strikes member `index` and slashes `MissedShareSlash` of its bond, `SlashToCreator` of
	/// that to the creator.
	fn strike(
		campaign: CampaignId,
		record: &mut CampaignOf<T>,
		index: usize,
		window: Option<WindowIndex>,
	) {
		record.members[index].strikes.saturating_inc();
		let slashed = Self::slash_member(record, index, T::MissedShareSlash::get());
		Self::deposit_event(Event::MemberStruck {
			campaign,
			window,
			member: index as u32,
			slashed,
		});
	}

	/// Slashes `part` of member `index`'s `MemberBond` (at most what it still holds),
	/// `SlashToCreator` of that to the creator; what was slashed.
	fn slash_member(record: &mut CampaignOf<T>, index: usize, part: Perbill) -> BalanceOf<T> {
		let creator = record.creator.clone();
		let member = &mut record.members[index];
		let slashed = stake::slash::<_, T::Currency, T::Slash>(
			&HoldReason::MemberBond.into(),
			&member.account,
			(part * T::MemberBond::get()).min(member.bond),
			&creator,
			T::SlashToCreator::get(),
		);
		member.bond.saturating_reduce(slashed);
		slashed
	}

	/// Releases the budget and the members' bonds of a campaign that ended.
	fn release_funds(record: &mut CampaignOf<T>) -> Result<BalanceOf<T>, DispatchError> {
		let refund = core::mem::take(&mut record.budget);
		holds::release::<_, T::Currency>(&HoldReason::Campaign.into(), &record.creator, refund)?;
		for member in record.members.iter_mut() {
			let bond = core::mem::take(&mut member.bond);
			holds::release::<_, T::Currency>(
				&HoldReason::MemberBond.into(),
				&member.account,
				bond,
			)?;
		}
		Ok(refund)
	}

	pub(crate) fn do_close_window(
		campaign: CampaignId,
		window: WindowIndex,
	) -> DispatchResultWithPostInfo {
		let mut record = Campaigns::<T>::get(campaign).ok_or(Error::<T>::UnknownCampaign)?;
		ensure!(record.phase == Phase::Active, Error::<T>::NotActive);
		ensure!(window < record.windows, Error::<T>::UnknownWindow);
		let deadline = Self::window_end(&record, window).saturating_add(T::DecryptionPeriod::get());
		ensure!(frame_system::Pallet::<T>::block_number() >= deadline, Error::<T>::TooEarly);
		let mut state = Windows::<T>::get(campaign, window).unwrap_or_else(Window::empty);
		ensure!(!state.closed, Error::<T>::AlreadyClosed);
		let mut struck = 0;
		if state.count >= T::MinContributions::get() {
			for index in 0..record.members.len() {
				if !state.shares.iter().any(|(i, _)| *i as usize == index) {
					Self::strike(campaign, &mut record, index, Some(window));
					struck += 1;
				}
			}
		}
		state.closed = true;
		let decrypted = state.total.is_some();
		Windows::<T>::insert(campaign, window, state);
		Self::deposit_event(Event::WindowClosed { campaign, window, decrypted });
		record.windows_closed.saturating_inc();
		if record.windows_closed == record.windows {
			let refund = Self::release_funds(&mut record)?;
			record.phase = Phase::Finished;
			Self::deposit_event(Event::CampaignFinished { campaign, refund });
		}
		Campaigns::<T>::insert(campaign, record);
		Ok(Some(T::WeightInfo::close_window(struck)).into())
	}

	pub(crate) fn do_cancel(campaign: CampaignId) -> DispatchResultWithPostInfo {
		let mut record = Campaigns::<T>::get(campaign).ok_or(Error::<T>::UnknownCampaign)?;
		ensure!(
			matches!(record.phase, Phase::Commitments | Phase::Polynomials | Phase::Confirmations),
			Error::<T>::WrongPhase
		);
		ensure!(frame_system::Pallet::<T>::block_number() >= record.start, Error::<T>::TooEarly);
		let phase = record.phase;
		let mut struck = 0;
		for index in 0..record.members.len() {
			let member = &record.members[index];
			let missed = match phase {
				Phase::Commitments => member.commitment.is_none(),
				Phase::Polynomials => !member.published,
				_ => !member.confirmed,
			};
			if missed {
				Self::strike(campaign, &mut record, index, None);
				struck += 1;
			}
		}
		Self::end_key_generation(campaign, record)?;
		Ok(Some(T::WeightInfo::cancel(struck)).into())
	}

	/// Cancels a campaign whose key generation cannot finish: the budget and the bonds are
	/// released, the published shares removed.
	fn end_key_generation(campaign: CampaignId, mut record: CampaignOf<T>) -> DispatchResult {
		let refund = Self::release_funds(&mut record)?;
		record.phase = Phase::Cancelled;
		let _ = Published::<T>::clear_prefix(campaign, record.members.len() as u32, None);
		Campaigns::<T>::insert(campaign, record);
		Self::deposit_event(Event::CampaignCancelled { campaign, refund });
		Ok(())
	}

	pub(crate) fn do_reap(campaign: CampaignId, limit: u32) -> DispatchResultWithPostInfo {
		let record = Campaigns::<T>::get(campaign).ok_or(Error::<T>::UnknownCampaign)?;
		ensure!(record.phase.is_over(), Error::<T>::NotOver);
		let limit = limit as usize;
		let mut removed = Contributed::<T>::drain_prefix(campaign).take(limit).count();
		removed += Windows::<T>::drain_prefix(campaign).take(limit - removed).count();
		let removed = removed as u32;
		let done = Contributed::<T>::iter_key_prefix(campaign).next().is_none()
			&& Windows::<T>::iter_key_prefix(campaign).next().is_none();
		if done {
			holds::release::<_, T::Currency>(
				&HoldReason::Campaign.into(),
				&record.creator,
				record.deposit,
			)?;
			Campaigns::<T>::remove(campaign);
		}
		Self::deposit_event(Event::Reaped { campaign, removed, done });
		Ok(Some(T::WeightInfo::reap(removed)).into())
	}
}

//! Invariants of the aggregates, checked by `try_state` on a live chain (try-runtime) and
//! after every unit test.

use crate::*;
use cpchain_pallet_support::holds::ExpectedHolds;
use frame_support::ensure;
use sp_runtime::{traits::Zero, TryRuntimeError};

type Held<T> = ExpectedHolds<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

impl<T: Config> Pallet<T> {
	/// Every record agrees with its campaign, and the funds held are the records' sums: budgets
	/// and deposits with the creators, bonds with the members, deposits with the participants.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let (mut campaigns, mut bonds, mut participants) =
			(Held::<T>::default(), Held::<T>::default(), Held::<T>::default());
		for (id, campaign) in Campaigns::<T>::iter() {
			ensure!(id < NextCampaignId::<T>::get(), "campaign id not yet assigned");
			campaigns.add(campaign.creator.clone(), campaign.budget);
			campaigns.add(campaign.creator.clone(), campaign.deposit);
			for member in campaign.members.iter() {
				bonds.add(member.account.clone(), member.bond);
			}
			if campaign.phase.is_over() {
				ensure!(campaign.budget.is_zero(), "an ended campaign holds a budget");
			}
			ensure!(
				campaign.key.is_some()
					== matches!(
						campaign.phase,
						Phase::Confirmations | Phase::Active | Phase::Finished
					) || campaign.phase == Phase::Cancelled,
				"the joint key exists from the confirmations on"
			);
			let mut closed = 0;
			for (window, state) in Windows::<T>::iter_prefix(id) {
				ensure!(window < campaign.windows, "a record of a window the campaign has not");
				ensure!(state.shares.len() <= campaign.members.len(), "more shares than members");
				if state.closed {
					closed += 1;
				}
			}
			ensure!(closed == campaign.windows_closed, "closed windows differ from their count");
		}
		for (id, _, _) in Contributed::<T>::iter() {
			ensure!(Campaigns::<T>::contains_key(id), "a device record of a reaped campaign");
		}
		for (id, _) in Windows::<T>::iter_keys() {
			ensure!(Campaigns::<T>::contains_key(id), "a window of a reaped campaign");
		}
		for (_, owner, deposit) in Participants::<T>::iter() {
			participants.add(owner, deposit);
		}
		campaigns.check::<T::Currency>(&HoldReason::Campaign.into())?;
		bonds.check::<T::Currency>(&HoldReason::MemberBond.into())?;
		participants.check::<T::Currency>(&HoldReason::Participant.into())
	}
}

//! Reads of the aggregates pallet, exposed to clients as a runtime API
//! (`api.call.aggregatesApi.*` in polkadot.js).

use crate::*;
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

/// Where a campaign stands for its clients: devices need the key and the open window,
/// members the phase and the published polynomials and sealed shares.
#[derive(Encode, Decode, TypeInfo, Clone, PartialEq, Eq, Debug)]
pub struct CampaignDetails<AccountId, Balance, BlockNumber> {
	/// The campaign.
	pub campaign: Campaign<AccountId, Balance, BlockNumber>,
	/// The window open for contributions now, if any.
	pub open_window: Option<WindowIndex>,
	/// The polynomials and sealed shares published so far, by member (until every member
	/// confirmed).
	pub published: Vec<(MemberIndex, (Polynomial, SealedShares))>,
}

/// A window's result: its decrypted total over its contributions.
#[derive(Encode, Decode, TypeInfo, Clone, Copy, PartialEq, Eq, Debug)]
pub struct WindowResult {
	/// The window.
	pub window: WindowIndex,
	/// Sum of the contributed values.
	pub total: u64,
	/// Number of contributions.
	pub count: u32,
}

sp_api::decl_runtime_apis! {
	/// Reads of the aggregates pallet.
	pub trait AggregatesApi<AccountId, Balance, BlockNumber>
	where
		AccountId: Codec,
		Balance: Codec,
		BlockNumber: Codec,
	{
		/// A campaign: terms, committee and its key-generation state, the joint key, the open
		/// window, sealed shares.
		fn campaign(id: CampaignId) -> Option<CampaignDetails<AccountId, Balance, BlockNumber>>;
		/// A window's encrypted sum, count, shares and total, if it has a record.
		fn window(id: CampaignId, window: WindowIndex) -> Option<Window>;
		/// Every decrypted window of a campaign, in window order.
		fn results(id: CampaignId) -> Vec<WindowResult>;
	}
}

impl<T: Config> Pallet<T> {
	/// See [`AggregatesApi::campaign`].
	pub fn campaign(
		id: CampaignId,
	) -> Option<CampaignDetails<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>> {
		let campaign = Campaigns::<T>::get(id)?;
		let now = frame_system::Pallet::<T>::block_number();
		let open_window =
			(campaign.phase == Phase::Active).then(|| Self::open_window(&campaign, now)).flatten();
		let published = Published::<T>::iter_prefix(id).collect();
		Some(CampaignDetails { campaign, open_window, published })
	}

	/// See [`AggregatesApi::window`].
	pub fn window(id: CampaignId, window: WindowIndex) -> Option<Window> {
		Windows::<T>::get(id, window)
	}

	/// See [`AggregatesApi::results`].
	pub fn results(id: CampaignId) -> Vec<WindowResult> {
		let mut results: Vec<_> = Windows::<T>::iter_prefix(id)
			.filter_map(|(window, state)| {
				Some(WindowResult { window, total: state.total?, count: state.count })
			})
			.collect();
		results.sort_by_key(|r| r.window);
		results
	}
}

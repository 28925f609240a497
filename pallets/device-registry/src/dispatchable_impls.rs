use crate::*;
use alloc::collections::BTreeMap;
use cpchain_primitives::device::{
	anchor_payload, device_id, next_anchor_hash, registration_payload, rotation_payload,
	VerifyDeviceSignature,
};
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::Balanced,
		tokens::{Fortitude, Precision, Preservation},
		Consideration, Footprint, OnUnbalanced,
	},
};
use sp_runtime::{traits::Zero, ArithmeticError};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_register_device(
		owner: T::AccountId,
		key: DeviceKey,
		metadata: DeviceMetadataOf<T>,
		proof: DeviceSignature,
	) -> DispatchResult {
		let seen = Keys::<T>::try_get(key);
		let mut record = seen.unwrap_or_default();
		ensure!(!record.revoked, Error::<T>::KeyRevoked);
		ensure!(record.device.is_none(), Error::<T>::KeyAlreadyRegistered);
		let genesis = cpchain_pallet_support::genesis_hash::<T>();
		ensure!(
			key.verify(&registration_payload(&genesis, &owner, &key, record.nonce), &proof),
			Error::<T>::InvalidProofOfPossession
		);
		let deposit = T::DeviceDeposit::new(&owner, Self::metadata_footprint(&metadata)?)?;
		if seen.is_err() {
			Self::pay_key_fee(&owner)?;
		}

		let device = device_id(&genesis, &key, record.nonce);
		record.nonce = record.nonce.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		record.device = Some(device);
		Keys::<T>::insert(key, record);

		let now = frame_system::Pallet::<T>::block_number();
		Devices::<T>::insert(
			device,
			DeviceInfo {
				owner: owner.clone(),
				key,
				key_version: 0,
				status: DeviceStatus::Active,
				deposit,
				registered_at: now,
				anchor: AnchorHead {
					sequence: 0,
					head: device,
					count: 0,
					readings: 0,
					updated_at: now,
				},
			},
		);
		MetadataOf::<T>::insert(device, metadata);
		OwnedDevices::<T>::insert(&owner, device, ());
		Self::deposit_event(Event::DeviceRegistered { device, owner, key });
		Ok(())
	}

	pub(crate) fn do_update_metadata(
		owner: T::AccountId,
		device: DeviceId,
		metadata: DeviceMetadataOf<T>,
	) -> DispatchResult {
		let mut info = Self::owned_device(&owner, device)?;
		ensure!(info.status != DeviceStatus::Revoked, Error::<T>::DeviceRevoked);
		info.deposit = info.deposit.update(&owner, Self::metadata_footprint(&metadata)?)?;
		Devices::<T>::insert(device, info);
		MetadataOf::<T>::insert(device, metadata);
		Self::deposit_event(Event::MetadataUpdated { device });
		Ok(())
	}

	pub(crate) fn do_rotate_key(
		owner: T::AccountId,
		device: DeviceId,
		new_key: DeviceKey,
		old_key_signature: DeviceSignature,
		new_key_signature: DeviceSignature,
	) -> DispatchResult {
		let mut info = Self::owned_device(&owner, device)?;
		ensure!(info.status != DeviceStatus::Revoked, Error::<T>::DeviceRevoked);
		ensure!(new_key != info.key, Error::<T>::SameKey);
		let seen = Keys::<T>::try_get(new_key);
		let mut new_record = seen.unwrap_or_default();
		ensure!(!new_record.revoked, Error::<T>::KeyRevoked);
		ensure!(new_record.device.is_none(), Error::<T>::KeyAlreadyRegistered);
		let payload = rotation_payload(&device, &new_key, info.key_version);
		ensure!(info.key.verify(&payload, &old_key_signature), Error::<T>::InvalidSignature);
		ensure!(new_key.verify(&payload, &new_key_signature), Error::<T>::InvalidNewKeySignature);
		if seen.is_err() {
			Self::pay_key_fee(&owner)?;
		}

		let old_key = info.key;
		Keys::<T>::mutate(old_key, |record| record.device = None);
		new_record.device = Some(device);
		Keys::<T>::insert(new_key, new_record);
		info.key = new_key;
		info.key_version = info.key_version.checked_add(1).ok_or(ArithmeticError::Overflow)?;
		let key_version = info.key_version;
		Devices::<T>::insert(device, info);
		Self::deposit_event(Event::KeyRotated { device, old_key, new_key, key_version });
		Ok(())
	}

	pub(crate) fn do_transfer_device(
		owner: T::AccountId,
		device: DeviceId,
		new_owner: T::AccountId,
	) -> DispatchResult {
		let mut info = Self::owned_device(&owner, device)?;
		ensure!(new_owner != owner, Error::<T>::AlreadyOwner);
		ensure!(info.status != DeviceStatus::Revoked, Error::<T>::DeviceRevoked);
		let metadata = MetadataOf::<T>::get(device).ok_or(Error::<T>::UnknownDevice)?;
		let footprint = Self::metadata_footprint(&metadata)?;
		let deposit = T::DeviceDeposit::new(&new_owner, footprint)?;
		core::mem::replace(&mut info.deposit, deposit).drop(&owner)?;
		OwnedDevices::<T>::remove(&owner, device);
		OwnedDevices::<T>::insert(&new_owner, device, ());
		info.owner = new_owner.clone();
		Devices::<T>::insert(device, info);
		Self::deposit_event(Event::DeviceTransferred { device, from: owner, to: new_owner });
		Ok(())
	}

	pub(crate) fn do_set_suspended(
		owner: T::AccountId,
		device: DeviceId,
		suspend: bool,
	) -> DispatchResult {
		let mut info = Self::owned_device(&owner, device)?;
		info.status = match (info.status, suspend) {
			(DeviceStatus::Revoked, _) => return Err(Error::<T>::DeviceRevoked.into()),
			(DeviceStatus::Suspended, true) => return Err(Error::<T>::DeviceSuspended.into()),
			(DeviceStatus::Active, false) => return Err(Error::<T>::NotSuspended.into()),
			(_, true) => DeviceStatus::Suspended,
			(_, false) => DeviceStatus::Active,
		};
		Devices::<T>::insert(device, info);
		Self::deposit_event(if suspend {
			Event::DeviceSuspended { device }
		} else {
			Event::DeviceResumed { device }
		});
		Ok(())
	}

	pub(crate) fn do_deregister_device(owner: T::AccountId, device: DeviceId) -> DispatchResult {
		let info = Self::owned_device(&owner, device)?;
		info.deposit.drop(&owner)?;
		// A revoked key stays marked as such; any other key may be registered again.
		Keys::<T>::mutate(info.key, |record| record.device = None);
		Devices::<T>::remove(device);
		MetadataOf::<T>::remove(device);
		OwnedDevices::<T>::remove(&owner, device);
		Self::deposit_event(Event::DeviceDeregistered { device, owner });
		Ok(())
	}

	pub(crate) fn do_revoke_device(device: DeviceId) -> DispatchResult {
		let mut info = Devices::<T>::get(device).ok_or(Error::<T>::UnknownDevice)?;
		ensure!(info.status != DeviceStatus::Revoked, Error::<T>::DeviceRevoked);
		info.status = DeviceStatus::Revoked;
		Keys::<T>::mutate(info.key, |record| record.revoked = true);
		Devices::<T>::insert(device, info);
		Self::deposit_event(Event::DeviceRevoked { device });
		Ok(())
	}

	pub(crate) fn do_anchor_data(
		submitter: T::AccountId,
		device: DeviceId,
		anchor: Anchor,
		signature: DeviceSignature,
	) -> DispatchResult {
		let entry = AnchorEntry { device, anchor, signature };
		Self::anchor(&submitter, entry, &mut BTreeMap::new())
	}

	pub(crate) fn do_anchor_batch(
		submitter: T::AccountId,
		entries: BoundedVec<AnchorEntry, T::MaxBatchAnchors>,
	) -> DispatchResultWithPostInfo {
		ensure!(!entries.is_empty(), Error::<T>::EmptyBatchOfAnchors);
		let count = entries.len() as u32;
		let mut gateways = BTreeMap::new();
		for (index, entry) in entries.into_iter().enumerate() {
			let (device, sequence) = (entry.device, entry.anchor.sequence);
			if let Err(error) = Self::anchor(&submitter, entry, &mut gateways) {
				let index = index as u32;
				Self::deposit_event(Event::AnchorRejected { index, device, sequence, error });
			}
		}
		// Weighed with a gateway authorization read per entry: refund those not made.
		let unread = T::DbWeight::get().reads(u64::from(count) - gateways.len() as u64);
		Ok(Some(T::WeightInfo::anchor_batch(count).saturating_sub(unread)).into())
	}

	/// Checks `entry` and extends its device's anchor chain, or changes nothing. `gateways`
	/// remembers, per device owner, whether `submitter` is one of its gateways, so that a batch
	/// reads each authorization once.
	fn anchor(
		submitter: &T::AccountId,
		AnchorEntry { device, anchor, signature }: AnchorEntry,
		gateways: &mut BTreeMap<T::AccountId, bool>,
	) -> DispatchResult {
		let mut info = Devices::<T>::get(device).ok_or(Error::<T>::UnknownDevice)?;
		let authorized = *submitter == info.owner
			|| *gateways
				.entry(info.owner.clone())
				.or_insert_with(|| Gateways::<T>::contains_key(&info.owner, submitter));
		ensure!(authorized, Error::<T>::NotOwnerOrGateway);
		match info.status {
			DeviceStatus::Active => {},
			DeviceStatus::Suspended => return Err(Error::<T>::DeviceSuspended.into()),
			DeviceStatus::Revoked => return Err(Error::<T>::DeviceRevoked.into()),
		}
		ensure!(anchor.reading_count > 0, Error::<T>::EmptyBatch);
		ensure!(anchor.time_start <= anchor.time_end, Error::<T>::InvalidTimeRange);
		ensure!(anchor.sequence > info.anchor.sequence, Error::<T>::SequenceNotIncreasing);
		ensure!(
			info.key.verify(&anchor_payload(&device, &anchor), &signature),
			Error::<T>::InvalidSignature
		);

		let anchor_hash = next_anchor_hash(&info.anchor.head, &anchor);
		info.anchor = AnchorHead {
			sequence: anchor.sequence,
			head: anchor_hash,
			count: info.anchor.count.saturating_add(1),
			readings: info.anchor.readings.saturating_add(anchor.reading_count.into()),
			updated_at: frame_system::Pallet::<T>::block_number(),
		};
		Devices::<T>::insert(device, info);
		Self::deposit_event(Event::DataAnchored {
			device,
			anchor,
			anchor_hash,
			submitter: submitter.clone(),
		});
		Ok(())
	}

	pub(crate) fn do_authorize_gateway(
		owner: T::AccountId,
		gateway: T::AccountId,
	) -> DispatchResult {
		ensure!(owner != gateway, Error::<T>::OwnerAsGateway);
		ensure!(
			!Gateways::<T>::contains_key(&owner, &gateway),
			Error::<T>::GatewayAlreadyAuthorized
		);
		let footprint = Footprint::from_mel::<T::AccountId>();
		let deposit = T::GatewayDeposit::new(&owner, footprint)?;
		Gateways::<T>::insert(&owner, &gateway, deposit);
		Self::deposit_event(Event::GatewayAuthorized { owner, gateway });
		Ok(())
	}

	pub(crate) fn do_revoke_gateway(owner: T::AccountId, gateway: T::AccountId) -> DispatchResult {
		let deposit = Gateways::<T>::take(&owner, &gateway).ok_or(Error::<T>::UnknownGateway)?;
		deposit.drop(&owner)?;
		Self::deposit_event(Event::GatewayRevoked { owner, gateway });
		Ok(())
	}

	/// The device, if `owner` owns it.
	fn owned_device(
		owner: &T::AccountId,
		device: DeviceId,
	) -> Result<DeviceInfo<T>, DispatchError> {
		let info = Devices::<T>::get(device).ok_or(Error::<T>::UnknownDevice)?;
		ensure!(&info.owner == owner, Error::<T>::NotOwner);
		Ok(info)
	}

	/// What a device with `metadata` stores, or `MetadataTooLarge`.
	pub(crate) fn metadata_footprint(
		metadata: &DeviceMetadataOf<T>,
	) -> Result<Footprint, DispatchError> {
		let len = metadata.encoded_size();
		ensure!(len <= T::MaxMetadataLen::get() as usize, Error::<T>::MetadataTooLarge);
		Ok(Footprint::from_parts(1, len))
	}

	/// Takes `KeyFee` from `owner` for a key record the chain will keep.
	fn pay_key_fee(owner: &T::AccountId) -> DispatchResult {
		let fee = T::KeyFee::get();
		if fee.is_zero() {
			return Ok(());
		}
		let credit = T::Currency::withdraw(
			owner,
			fee,
			Precision::Exact,
			Preservation::Preserve,
			Fortitude::Polite,
		)
		.map_err(|_| Error::<T>::InsufficientBalance)?;
		T::KeyFeeDestination::on_unbalanced(credit);
		Ok(())
	}
}

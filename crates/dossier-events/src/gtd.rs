//! The labels of GTD's codes for the attack, target and weapon types the
//! event vocabulary assigns (`data/*.tsv` hold the codes), as GTD's `_txt`
//! columns spell them: for people reading `dossier event` and for the GTD
//! export.

/// `attacktype` 1–9.
const ATTACK: [&str; 9] = [
    "Assassination",
    "Armed Assault",
    "Bombing/Explosion",
    "Hijacking",
    "Hostage Taking (Barricade Incident)",
    "Hostage Taking (Kidnapping)",
    "Facility/Infrastructure Attack",
    "Unarmed Assault",
    "Unknown",
];

/// `targtype` 1–22.
const TARGET: [&str; 22] = [
    "Business",
    "Government (General)",
    "Police",
    "Military",
    "Abortion Related",
    "Airports & Aircraft",
    "Government (Diplomatic)",
    "Educational Institution",
    "Food or Water Supply",
    "Journalists & Media",
    "Maritime",
    "NGO",
    "Other",
    "Private Citizens & Property",
    "Religious Figures/Institutions",
    "Telecommunication",
    "Terrorists/Non-State Militia",
    "Tourists",
    "Transportation",
    "Unknown",
    "Utilities",
    "Violent Political Party",
];

/// `weaptype` 1–13.
const WEAPON: [&str; 13] = [
    "Biological",
    "Chemical",
    "Radiological",
    "Nuclear",
    "Firearms",
    "Explosives",
    "Fake Weapons",
    "Incendiary",
    "Melee",
    "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)",
    "Sabotage Equipment",
    "Other",
    "Unknown",
];

fn label(table: &'static [&'static str], code: u8) -> Option<&'static str> {
    table.get(usize::from(code).checked_sub(1)?).copied()
}

/// The label of a GTD attack type code.
#[must_use]
pub fn attack_type(code: u8) -> Option<&'static str> {
    label(&ATTACK, code)
}

/// The label of a GTD target type code.
#[must_use]
pub fn target_type(code: u8) -> Option<&'static str> {
    label(&TARGET, code)
}

/// The label of a GTD weapon type code.
#[must_use]
pub fn weapon_type(code: u8) -> Option<&'static str> {
    label(&WEAPON, code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_start_at_one() {
        assert_eq!(attack_type(2), Some("Armed Assault"));
        assert_eq!(target_type(14), Some("Private Citizens & Property"));
        assert_eq!(weapon_type(5), Some("Firearms"));
        assert_eq!(attack_type(0), None);
        assert_eq!(target_type(23), None);
    }
}

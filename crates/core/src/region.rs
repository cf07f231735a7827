//! 行政区划代码 (GB/T 2260): 6 digits; province = first 2 + `0000`, city = first 4 + `00`.

use core::fmt;
use core::str::FromStr;

/// Why a text is not a region code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegionError {
    /// Not 6 ASCII digits.
    #[error("行政区划代码应为 6 位数字，实为 `{0}`")]
    Format(String),
    /// The first two digits name no province.
    #[error("行政区划代码 `{0}` 的前两位不是省级代码")]
    Province(String),
}

/// Province-level divisions of GB/T 2260 and their names.
const PROVINCES: &[(u32, &str)] = &[
    (11, "北京市"),
    (12, "天津市"),
    (13, "河北省"),
    (14, "山西省"),
    (15, "内蒙古自治区"),
    (21, "辽宁省"),
    (22, "吉林省"),
    (23, "黑龙江省"),
    (31, "上海市"),
    (32, "江苏省"),
    (33, "浙江省"),
    (34, "安徽省"),
    (35, "福建省"),
    (36, "江西省"),
    (37, "山东省"),
    (41, "河南省"),
    (42, "湖北省"),
    (43, "湖南省"),
    (44, "广东省"),
    (45, "广西壮族自治区"),
    (46, "海南省"),
    (50, "重庆市"),
    (51, "四川省"),
    (52, "贵州省"),
    (53, "云南省"),
    (54, "西藏自治区"),
    (61, "陕西省"),
    (62, "甘肃省"),
    (63, "青海省"),
    (64, "宁夏回族自治区"),
    (65, "新疆维吾尔自治区"),
    (71, "台湾省"),
    (81, "香港特别行政区"),
    (82, "澳门特别行政区"),
];

/// Cities (地级市) of Zhejiang, the province this project was first written for.
pub const ZHEJIANG_CITIES: &[(u32, &str)] = &[
    (330100, "杭州市"),
    (330200, "宁波市"),
    (330300, "温州市"),
    (330400, "嘉兴市"),
    (330500, "湖州市"),
    (330600, "绍兴市"),
    (330700, "金华市"),
    (330800, "衢州市"),
    (330900, "舟山市"),
    (331000, "台州市"),
    (331100, "丽水市"),
];

/// A 6-digit region code whose province exists.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RegionCode(u32);

impl RegionCode {
    /// The code as a number (e.g. 330106).
    pub const fn value(self) -> u32 {
        self.0
    }
    /// The province: first 2 digits + `0000`.
    pub const fn province(self) -> RegionCode {
        RegionCode(self.0 / 10000 * 10000)
    }
    /// The city: first 4 digits + `00`.
    pub const fn city(self) -> RegionCode {
        RegionCode(self.0 / 100 * 100)
    }
    /// Whether this is a province-level code.
    pub const fn is_province(self) -> bool {
        self.0 % 10000 == 0
    }
    /// The province's Chinese name.
    pub fn province_name(self) -> &'static str {
        let p = self.0 / 10000;
        PROVINCES
            .iter()
            .find(|(c, _)| *c == p)
            .map(|(_, n)| *n)
            .unwrap_or("未知省份")
    }
    /// The city's Chinese name where known (Zhejiang), else the province name and the city code.
    pub fn city_name(self) -> String {
        let c = self.city().0;
        match ZHEJIANG_CITIES.iter().find(|(code, _)| *code == c) {
            Some((_, n)) => (*n).to_owned(),
            None if self.city().is_province() => self.province_name().to_owned(),
            None => format!("{}（{}）", self.province_name(), c),
        }
    }
}

impl FromStr for RegionCode {
    type Err = RegionError;
    fn from_str(s: &str) -> Result<Self, RegionError> {
        if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(RegionError::Format(s.to_owned()));
        }
        let v: u32 = s.parse().map_err(|_| RegionError::Format(s.to_owned()))?;
        if !PROVINCES.iter().any(|(c, _)| *c == v / 10000) {
            return Err(RegionError::Province(s.to_owned()));
        }
        Ok(RegionCode(v))
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:06}", self.0)
    }
}

impl fmt::Debug for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RegionCode({:06})", self.0)
    }
}

impl serde::Serialize for RegionCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> serde::Deserialize<'de> for RegionCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn province_and_city() {
        let r: RegionCode = "330106".parse().unwrap();
        assert_eq!(r.province().to_string(), "330000");
        assert_eq!(r.city().to_string(), "330100");
        assert_eq!(r.province_name(), "浙江省");
        assert_eq!(r.city_name(), "杭州市");
        let sh: RegionCode = "310115".parse().unwrap();
        assert_eq!(sh.city_name(), "上海市（310100）");
        assert_eq!(
            "990101".parse::<RegionCode>(),
            Err(RegionError::Province("990101".into()))
        );
        assert!("33010".parse::<RegionCode>().is_err());
        assert!("33010a".parse::<RegionCode>().is_err());
    }
}

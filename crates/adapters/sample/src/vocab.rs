//! Fixed vocabularies of the sample: Zhejiang's cities and districts (GB/T 2260 codes) with
//! approximate city-centre coordinates, out-of-province head-office regions, Chinese name parts.

use zhongjie_core::IndustryScope;

/// A city of Zhejiang with its districts and counties.
pub(crate) struct City {
    /// City code (`3301 00` … `3311 00`).
    pub code: u32,
    /// Short name used in company names (杭州).
    pub short: &'static str,
    /// Approximate centre, WGS84.
    pub lat: f64,
    /// Approximate centre, WGS84.
    pub lon: f64,
    /// Relative weight of agencies and projects (economic size).
    pub weight: u32,
    /// Districts, counties and county-level cities: code and name.
    pub districts: &'static [(u32, &'static str)],
}

/// The 11 cities of Zhejiang.
pub(crate) const CITIES: [City; 11] = [
    City {
        code: 330100,
        short: "杭州",
        lat: 30.2741,
        lon: 120.1551,
        weight: 22,
        districts: &[
            (330102, "上城区"),
            (330105, "拱墅区"),
            (330106, "西湖区"),
            (330108, "滨江区"),
            (330109, "萧山区"),
            (330110, "余杭区"),
            (330111, "富阳区"),
            (330112, "临安区"),
            (330113, "临平区"),
            (330114, "钱塘区"),
            (330122, "桐庐县"),
            (330127, "淳安县"),
            (330182, "建德市"),
        ],
    },
    City {
        code: 330200,
        short: "宁波",
        lat: 29.8683,
        lon: 121.5440,
        weight: 16,
        districts: &[
            (330203, "海曙区"),
            (330205, "江北区"),
            (330206, "北仑区"),
            (330211, "镇海区"),
            (330212, "鄞州区"),
            (330213, "奉化区"),
            (330225, "象山县"),
            (330226, "宁海县"),
            (330281, "余姚市"),
            (330282, "慈溪市"),
        ],
    },
    City {
        code: 330300,
        short: "温州",
        lat: 27.9939,
        lon: 120.6994,
        weight: 12,
        districts: &[
            (330302, "鹿城区"),
            (330303, "龙湾区"),
            (330304, "瓯海区"),
            (330305, "洞头区"),
            (330324, "永嘉县"),
            (330326, "平阳县"),
            (330327, "苍南县"),
            (330381, "瑞安市"),
            (330382, "乐清市"),
            (330383, "龙港市"),
        ],
    },
    City {
        code: 330400,
        short: "嘉兴",
        lat: 30.7461,
        lon: 120.7555,
        weight: 9,
        districts: &[
            (330402, "南湖区"),
            (330411, "秀洲区"),
            (330421, "嘉善县"),
            (330424, "海盐县"),
            (330481, "海宁市"),
            (330482, "平湖市"),
            (330483, "桐乡市"),
        ],
    },
    City {
        code: 330500,
        short: "湖州",
        lat: 30.8930,
        lon: 120.0868,
        weight: 5,
        districts: &[
            (330502, "吴兴区"),
            (330503, "南浔区"),
            (330521, "德清县"),
            (330522, "长兴县"),
            (330523, "安吉县"),
        ],
    },
    City {
        code: 330600,
        short: "绍兴",
        lat: 29.9958,
        lon: 120.5861,
        weight: 9,
        districts: &[
            (330602, "越城区"),
            (330603, "柯桥区"),
            (330604, "上虞区"),
            (330624, "新昌县"),
            (330681, "诸暨市"),
            (330683, "嵊州市"),
        ],
    },
    City {
        code: 330700,
        short: "金华",
        lat: 29.0790,
        lon: 119.6474,
        weight: 9,
        districts: &[
            (330702, "婺城区"),
            (330703, "金东区"),
            (330723, "武义县"),
            (330726, "浦江县"),
            (330781, "兰溪市"),
            (330782, "义乌市"),
            (330783, "东阳市"),
            (330784, "永康市"),
        ],
    },
    City {
        code: 330800,
        short: "衢州",
        lat: 28.9700,
        lon: 118.8593,
        weight: 3,
        districts: &[
            (330802, "柯城区"),
            (330803, "衢江区"),
            (330822, "常山县"),
            (330824, "开化县"),
            (330825, "龙游县"),
            (330881, "江山市"),
        ],
    },
    City {
        code: 330900,
        short: "舟山",
        lat: 29.9853,
        lon: 122.2072,
        weight: 3,
        districts: &[
            (330902, "定海区"),
            (330903, "普陀区"),
            (330921, "岱山县"),
            (330922, "嵊泗县"),
        ],
    },
    City {
        code: 331000,
        short: "台州",
        lat: 28.6564,
        lon: 121.4208,
        weight: 9,
        districts: &[
            (331002, "椒江区"),
            (331003, "黄岩区"),
            (331004, "路桥区"),
            (331022, "三门县"),
            (331023, "天台县"),
            (331081, "温岭市"),
            (331082, "临海市"),
            (331083, "玉环市"),
        ],
    },
    City {
        code: 331100,
        short: "丽水",
        lat: 28.4676,
        lon: 119.9229,
        weight: 3,
        districts: &[
            (331102, "莲都区"),
            (331121, "青田县"),
            (331122, "缙云县"),
            (331123, "遂昌县"),
            (331124, "松阳县"),
            (331127, "景宁畲族自治县"),
            (331181, "龙泉市"),
        ],
    },
];

/// The short form of a district name (萧山区 → 萧山) for branch names.
pub(crate) fn district_short(name: &str) -> &str {
    if let Some(s) = name.strip_suffix("畲族自治县") {
        return s;
    }
    let mut end = name.len();
    if let Some((i, _)) = name.char_indices().last() {
        if name.chars().count() > 2 {
            end = i;
        }
    }
    name.get(..end).unwrap_or(name)
}

/// Head offices outside Zhejiang whose branches work in the province: district code and the
/// prefix used in their names.
pub(crate) const OUTSIDE_ROOTS: [(u32, &str); 10] = [
    (310115, "上海"),
    (310104, "上海"),
    (320106, "江苏"),
    (320506, "苏州"),
    (110108, "北京"),
    (110105, "中安"),
    (340104, "安徽"),
    (370102, "山东"),
    (420106, "湖北"),
    (440106, "广东"),
];

/// Birth-place district codes outside Zhejiang (for resident IDs of people who moved in).
pub(crate) const OTHER_BIRTH_REGIONS: [u32; 12] = [
    340104, 341221, 360102, 362330, 411302, 430102, 510104, 522101, 320106, 370102, 421002, 350102,
];

/// Surnames, most common first (a Zhejiang-flavoured order).
pub(crate) const SURNAMES: [&str; 80] = [
    "王", "陈", "张", "李", "徐", "吴", "周", "金", "杨", "朱", "林", "黄", "刘", "叶", "潘", "郑",
    "胡", "何", "赵", "沈", "方", "孙", "俞", "钱", "蒋", "陆", "章", "应", "汪", "许", "姚", "邵",
    "马", "孔", "楼", "蔡", "傅", "丁", "袁", "冯", "范", "施", "卢", "余", "程", "谢", "宋", "唐",
    "韩", "曹", "彭", "曾", "顾", "严", "毛", "倪", "虞", "戴", "邱", "鲍", "屠", "阮", "夏", "盛",
    "葛", "钟", "任", "魏", "吕", "姜", "梁", "高", "罗", "郭", "董", "苏", "石", "贾", "洪", "竺",
];

/// Characters of given names, rather male.
pub(crate) const GIVEN_MALE: [&str; 48] = [
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "浩", "峰", "明", "建", "国", "华", "俊", "鹏",
    "飞", "刚", "平", "辉", "林", "波", "宇", "晨", "凯", "超", "健", "亮", "文", "志", "海", "东",
    "宏", "锋", "立", "新", "荣", "永", "忠", "骏", "炜", "翔", "晓", "振", "誉", "航", "锦", "琦",
];

/// Characters of given names, rather female.
pub(crate) const GIVEN_FEMALE: [&str; 40] = [
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "慧", "琳", "洁", "红",
    "萍", "倩", "颖", "蕾", "晶", "丹", "莉", "梅", "瑶", "佳", "欣", "怡", "悦", "露", "璐", "薇",
    "岚", "青", "晓", "媛", "蓉", "菁", "雯", "琴",
];

/// First characters of agency brand names.
pub(crate) const BRAND_A: [&str; 36] = [
    "安", "华", "中", "正", "泰", "恒", "诚", "永", "捷", "众", "科", "卓", "天", "金", "宏", "鼎",
    "博", "凯", "通", "国", "德", "明", "立", "鑫", "盛", "嘉", "弘", "信", "和", "昌", "瀚", "睿",
    "宁", "稳", "佳", "力",
];

/// Second characters of agency brand names.
pub(crate) const BRAND_B: [&str; 26] = [
    "安", "泰", "信", "盛", "和", "达", "正", "诚", "源", "创", "鼎", "宇", "恒", "邦", "联", "越",
    "晟", "锐", "远", "通", "华", "禾", "顺", "峰", "澄", "保",
];

/// Endings of safety evaluation agencies' names.
pub(crate) const SE_SUFFIX: [&str; 5] = [
    "安全评价有限公司",
    "安全技术咨询有限公司",
    "安全技术服务有限公司",
    "安全科技有限公司",
    "安全工程技术有限公司",
];

/// Endings of social service agencies' names.
pub(crate) const SOCIAL_SUFFIX: [&str; 8] = [
    "安全技术服务有限公司",
    "安全生产技术咨询有限公司",
    "应急管理咨询有限公司",
    "安全科技有限公司",
    "检测技术有限公司",
    "安全培训有限公司",
    "安全生产服务有限公司",
    "消防安全技术服务有限公司",
];

/// First characters of client enterprises' names.
pub(crate) const CLIENT_A: [&str; 30] = [
    "恒", "华", "宏", "金", "永", "新", "天", "正", "大", "荣", "鑫", "东", "海", "中", "龙", "兴",
    "利", "万", "富", "长", "嘉", "通", "明", "德", "瑞", "丰", "佳", "宝", "元", "创",
];

/// Second characters of client enterprises' names.
pub(crate) const CLIENT_B: [&str; 20] = [
    "达", "力", "盛", "昌", "源", "泰", "丰", "隆", "发", "鑫", "业", "宇", "华", "晟", "远", "顺",
    "和", "邦", "诚", "联",
];

/// Trades of client enterprises by industry scope.
pub(crate) fn trades(scope: Option<IndustryScope>) -> &'static [&'static str] {
    match scope {
        Some(IndustryScope::Petrochemical) => &[
            "化工",
            "石化",
            "新材料",
            "医药化工",
            "精细化工",
            "涂料",
            "化学",
            "药业",
            "合成材料",
        ],
        Some(IndustryScope::MetalSmelting) => &["钢铁", "铝业", "铜业", "冶金", "不锈钢", "特钢"],
        Some(IndustryScope::MetalNonmetalMining) => &["矿业", "石材", "萤石矿业", "建材矿业"],
        Some(IndustryScope::Fireworks) => &["烟花爆竹", "花炮"],
        Some(IndustryScope::OnshorePipeline) => &["燃气", "天然气管网", "油气储运"],
        Some(IndustryScope::OnshoreOilGas) => &["油气开发", "石油天然气"],
        Some(IndustryScope::CoalMining) => &["煤业", "能源"],
        None => &[
            "机械",
            "纺织",
            "印染",
            "五金",
            "电子",
            "塑业",
            "建材",
            "食品",
            "物流",
            "家具",
            "鞋业",
            "汽车零部件",
            "电器",
            "包装",
            "阀门",
            "泵业",
            "服饰",
            "造纸",
            "木业",
            "仓储",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zhongjie_core::RegionCode;

    #[test]
    fn district_codes_are_valid_and_belong_to_their_city() {
        for c in &CITIES {
            assert_eq!(c.code % 100, 0);
            for (d, name) in c.districts {
                let r: RegionCode = d.to_string().parse().unwrap();
                assert_eq!(r.city().value(), c.code, "{name}");
                assert_eq!(r.city_name(), format!("{}市", c.short));
            }
        }
        for (d, _) in OUTSIDE_ROOTS {
            let r: RegionCode = d.to_string().parse().unwrap();
            assert_ne!(r.province().value(), 330000);
        }
    }

    #[test]
    fn short_district_names() {
        assert_eq!(district_short("萧山区"), "萧山");
        assert_eq!(district_short("景宁畲族自治县"), "景宁");
        assert_eq!(district_short("义乌市"), "义乌");
    }
}

"""The extractor's conventions on short reports written for these tests (no shared corpus needed)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from skyledger.models import Event
from skyledger.pipeline import extract


def events(text: str, published: date = date(2024, 3, 21)) -> list[Event]:
    return extract(text, published).events


def weapon(event: Event, cls: str) -> tuple[int | None, int | None, int | None]:
    w = next(w for w in event.weapons if w.cls == cls)
    return w.launched, w.destroyed, w.suppressed


def test_counts_classes_totals_and_casualties() -> None:
    (e,) = events(
        "Russia fired two Iskander ballistic missiles and 29 cruise missiles at Kyiv overnight. "
        "All of them were shot down. Falling debris injured 17 people: 13 in Kyiv and four in "
        "the surrounding region."
    )
    assert (e.attacker, e.target_country, e.date) == ("RU", "UA", date(2024, 3, 21))
    assert weapon(e, "ballistic_missile")[:2] == (2, 2)
    assert weapon(e, "cruise_missile")[:2] == (29, 29)
    assert (e.launched, e.destroyed, e.injured, e.killed) == (31, 31, 17, None)
    assert set(e.regions) == {"UA-30", "UA-32"}


def test_late_evening_strike_and_overnight_wave_are_two_events() -> None:
    found = events(
        "A Russian ballistic missile hit Odesa late on Wednesday, killing one person. It was not "
        "intercepted.\n\nOvernight, Russia launched 24 Shahed drones from Cape Chauda in Crimea; "
        "19 of them were destroyed over the Odesa region.",
    )
    by_date = {e.date: e for e in found}
    assert set(by_date) == {date(2024, 3, 20), date(2024, 3, 21)}
    assert weapon(by_date[date(2024, 3, 20)], "ballistic_missile")[:2] == (1, 0)
    assert weapon(by_date[date(2024, 3, 21)], "attack_drone")[:2] == (24, 19)
    assert "UA-43" not in by_date[date(2024, 3, 21)].regions  # Crimea is the launch area


def test_ukrainian_air_force_list_with_words_in_cases() -> None:
    (e,) = events(
        "У ніч на 21 березня противник атакував тридцятьма п'ятьма ударними БпЛА типу Shahed та "
        "двома керованими авіаційними ракетами Х-59 з повітряного простору Бєлгородської області.\n"
        "Збито 30 ударних БпЛА над Сумщиною та Полтавщиною. Ще 3 БпЛА локаційно втрачено. "
        "Ракети Х-59 збити не вдалося."
    )
    assert weapon(e, "attack_drone") == (35, 30, 3)
    assert weapon(e, "guided_air_missile")[:2] == (2, 0)
    assert (e.launched, e.destroyed) == (37, 30)
    assert set(e.regions) == {"UA-59", "UA-53"}


def test_russian_ministry_bulletin_parts_do_not_add_to_the_total() -> None:
    (e,) = events(
        "Минувшей ночью средства ПВО перехватили и уничтожили 20 украинских беспилотников: "
        "12 – над территорией Белгородской области, 8 – над территорией Курской области. "
        "Обошлось без жертв и пострадавших."
    )
    assert (e.attacker, e.target_country) == ("UA", "RU")
    assert (e.destroyed, e.launched, e.killed, e.injured) == (20, None, 0, 0)
    assert set(e.regions) == {"RU-BEL", "RU-KRS"}


def test_unknown_is_not_zero_and_approximate_is_no_count() -> None:
    (e,) = events(
        "Russia launched about 40 drones at Ukraine overnight and two Kh-59 missiles, one of "
        "which was intercepted over the Kharkiv region. There were no immediate reports of casualties."
    )
    assert weapon(e, "guided_air_missile")[:2] == (2, 1)
    assert (e.killed, e.injured, e.launched) == (None, None, None)


def test_background_and_negative_texts_give_no_event() -> None:
    assert events(
        "Germany pledged 100 interceptor missiles and four IRIS-T launchers to Ukraine on Thursday."
    ) == []
    assert events(
        "In March Russia launched more than 4,100 drones at Ukraine, the air force's monthly tally shows."
    ) == []
    assert events(
        "Shakhtar beat Dynamo 3-1 after the striker fired twice; the match was halted by an air raid alert."
    ) == []


def test_every_figure_has_evidence_inside_the_text() -> None:
    text = "Russia launched 12 Shahed drones at Ukraine overnight; 10 were shot down over the Sumy region."
    result = extract(text, date(2024, 3, 21))
    (e,) = result.events
    fields = {ev.field for ev in e.evidence}
    assert {"weapons.attack_drone.launched", "weapons.attack_drone.destroyed", "regions"} <= fields
    assert all(0 <= ev.start < ev.end <= len(text) for ev in e.evidence)


def test_rule_data_files_are_well_formed() -> None:
    import json
    import re
    from importlib import resources

    data = resources.files("skyledger.extract").joinpath("data")
    names = ("cues_en.json", "cues_uk.json", "cues_ru.json", "place_context.json", "actors.json",
             "time_words.json", "weapons.json")
    for name in names:
        content = json.loads(data.joinpath(name).read_text("utf-8"))
        assert content.get("_doc"), f"{name} explains itself in _doc"
        for key, value in content.items():
            literal = key in ("classes", "connectors", "filler_words")  # word lists, not patterns
            if not literal and isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                for pattern in value:
                    re.compile(pattern)  # every pattern compiles
    weapons = json.loads(data.joinpath("weapons.json").read_text("utf-8"))
    classes = set(weapons["classes"])
    assert all(m["class"] in classes and m["aliases"] for m in weapons["models"])
    context = json.loads(data.joinpath("place_context.json").read_text("utf-8"))
    assert all(re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", c) for c in context["capital_of"].values())


def test_live_report_revises_a_place_count_and_districts_sit_inside_their_city() -> None:
    (e,) = events(
        "08:30\nRussia attacked Kyiv with drones overnight. Two people were injured in the "
        "Obolonskyi district, the city's military administration said.\n\n"
        "09:40\nOne man was killed and five people were injured in the capital, officials now say. "
        "Four of the injured were in the Obolonskyi district and one in the Podilskyi district.\n\n"
        "10:15\nIn the south, Russian artillery shelling of Kherson wounded two others.\n\n"
        "11:00\nThe death toll from the overnight attack on Kyiv has risen to two, with 7 people "
        "injured, the city's military administration said."
    )
    assert (e.killed, e.injured) == (2, 7)
    assert e.regions == ["UA-30"]
    by_place = {(p.region, p.place): (p.killed, p.injured) for p in e.casualties_by_place}
    assert by_place[("UA-30", "Kyiv")] == (2, 7)


def test_district_counts_add_up_when_no_city_count_is_given() -> None:
    (e,) = events(
        "Russia attacked Kyiv with drones overnight. Two people were injured in the Obolonskyi "
        "district and three in the Podilskyi district. No one was killed."
    )
    assert (e.killed, e.injured) == (0, 5)


def test_a_reporting_window_across_midnight_dates_the_later_day() -> None:
    (e,) = events(
        "В период с 23.00 мск 3 июня до 7.00 мск 4 июня дежурными средствами ПВО перехвачены и "
        "уничтожены 38 украинских беспилотных летательных аппаратов над территорией Брянской области.",
        date(2025, 6, 4),
    )
    assert (e.date, e.attacker, e.target_country, e.destroyed) == (date(2025, 6, 4), "UA", "RU", 38)


def test_footnote_marks_are_not_counts_and_headers_give_no_figures() -> None:
    (e,) = events(
        "Russia hits Kharkiv with 50 drones, killing 9\n\nBy the Example Wire desk\n"
        "Published 21 March 2024\n\n"
        "Russia launched 20 Shahed drones at Kharkiv overnight.[1] Air defence shot down 15 of them.[2] "
        "Two people were injured.[3]"
    )
    assert weapon(e, "attack_drone")[:2] == (20, 15)
    assert (e.killed, e.injured) == (None, 2)


def test_newest_first_live_blog_reads_its_entries_in_time_order() -> None:
    (e,) = events(
        "LIVE: Russian strike on Odesa\n\n"
        "11:40\nToll rises to 3 killed\n\nThe death toll has risen to three, the governor said.\n\n"
        "09:15\nTwo killed in Odesa\n\nA Russian ballistic missile struck Odesa this morning, killing two "
        "people, the governor said."
    )
    assert e.killed == 3


def test_one_of_the_three_and_a_failed_interception_after_its_object() -> None:
    (e,) = events("Russia launched three Kinzhal missiles at Kyiv overnight. Air defence destroyed one "
                  "of the three Kinzhals.")
    assert weapon(e, "aeroballistic_missile")[:2] == (3, 1)
    (e,) = events("Вечером российские войска ударили баллистической ракетой «Искандер-М» по Кривому Рогу. "
                  "Сбить ракету не удалось, сообщили в Воздушных силах.")
    assert weapon(e, "ballistic_missile")[:2] == (1, 0)


def test_a_region_label_places_its_no_casualties_and_a_list_shares_a_zero() -> None:
    (e,) = events(
        "В ночь на субботу средства ПВО уничтожили 40 украинских беспилотников над Брянской, "
        "Курской и Липецкой областями.\n\n"
        "Липецкая область. Двое сотрудников предприятия получили ранения.\n\n"
        "Брянская область. Пострадавших нет.\n\n"
        "Власти Курской, Орловской и Тульской областей сообщили, что никто не пострадал.",
        date(2025, 5, 17),
    )
    assert (e.attacker, e.target_country) == ("UA", "RU")
    assert (e.killed, e.injured) == (None, 2)  # Lipetsk says nothing of deaths


def test_ages_in_a_list_a_time_word_in_a_no_casualties_phrase_and_a_denied_place() -> None:
    (e,) = events("Three people were killed and 19 injured when Russian aircraft dropped four guided bombs "
                  "on Sumy overnight. Among the injured were two children, aged seven and 11.")
    assert (e.killed, e.injured) == (3, 19)
    (e,) = events("Уночі ворог атакував Одещину ударними безпілотниками. Сили ППО знищили 11 із 14 "
                  "«шахедів». Постраждалих уночі немає.")
    assert (e.killed, e.injured) == (0, 0)
    (e,) = events("Russia fired two ballistic missiles overnight; they hit Kryvyi Rih, not Kropyvnytskyi, "
                  "the governor said.")
    assert e.regions == ["UA-12"]


def test_a_reminder_of_an_earlier_attack_adds_no_weapons() -> None:
    (e,) = events("Ночью область атаковали ударные беспилотники. Силы ПВО сбили над Запорожской областью "
                  "11 дронов. Напомним, в начале октября Запорожье уже подвергалось массированной атаке "
                  "КАБами.", date(2025, 10, 14))
    assert [w.destroyed for w in e.weapons] == [11]  # no guided bombs from the reminder
    assert e.destroyed == 11


def test_air_attack_assets_is_a_total_of_every_class() -> None:
    (e,) = events("Russia launched a combined strike on Ukraine overnight. The air defence detected and "
                  "tracked 138 air attack assets: 5 Kinzhal missiles and 133 Shahed drones.")
    assert e.launched == 138


def test_defending_units_are_no_weapons_and_imitator_drones_are_decoys() -> None:
    (e,) = events(
        "On the night of 7 March, the enemy attacked with 45 air attack assets: 12 Kh-59 guided air "
        "missiles and 33 imitator drones. The attack was repelled by aviation, anti-aircraft missile "
        "troops and mobile fire groups of the Defence Forces of Ukraine. 10 guided air missiles were "
        "shot down.", date(2025, 3, 7))
    assert (e.attacker, e.target_country) == ("RU", "UA")
    assert [w.cls for w in e.weapons] == ["guided_air_missile", "decoy_drone"]
    assert (e.launched, weapon(e, "guided_air_missile")[:2]) == (45, (12, 10))


def test_an_update_goes_to_the_attack_of_the_part_of_day_it_names() -> None:
    day, night = events(
        "A Russian ballistic missile hit Kryvyi Rih on Friday afternoon, killing six people and injuring "
        "34. Overnight, Russia had attacked the Dnipropetrovsk region with eight Shahed drones, all of "
        "which were shot down. No one was hurt in the night attack.\n\n"
        "Update, 19:05: The death toll from the afternoon strike had risen to nine, and the number of "
        "injured to 41.", date(2025, 6, 13))
    assert (day.killed, day.injured, night.killed, night.injured) == (9, 41, 0, 0)


def test_numerals_in_oblique_cases_and_an_elided_rise() -> None:
    (e,) = events("У ніч на 18 січня противник атакував ста вісімнадцятьма ударними БпЛА типу Shahed.",
                  date(2025, 1, 18))
    assert e.launched == 118
    (e,) = events("Вдень росіяни вдарили по Полтаві балістичною ракетою. Загинула 1 людина, 6 поранено. "
                  "Кількість загиблих зросла до 2, поранених – до 8.", date(2025, 5, 22))
    assert (e.killed, e.injured) == (2, 8)
    (e,) = events("Уночі ворог атакував Харків ударними дронами. Загалом унаслідок нічної атаки поранено "
                  "шестеро харків'ян. Загиблих, на щастя, немає.", date(2024, 8, 30))
    assert (e.killed, e.injured) == (0, 6)


def test_a_region_count_holds_its_districts_and_russian_district_names() -> None:
    (e,) = events(
        "Харьков. Днём российская авиация нанесла удар по городу двумя управляемыми авиабомбами.\n\n"
        "По данным Харьковской ОВА, число погибших возросло до трёх, раненых – до 24.\n\n"
        "В Холодногорском районе погибли двое мужчин, ранены 15 человек. В Киевском районе погибла "
        "женщина, ранены 9 работников.", date(2024, 11, 6))
    assert (e.killed, e.injured, e.regions) == (3, 24, ["UA-63"])


def test_background_sentences_give_no_figures_or_places() -> None:
    (e,) = events("Russia fired 16 missiles and 126 drones at Ukraine early on Friday, killing three people "
                  "in Kyiv. The national grid operator introduced emergency power cuts in the Vinnytsia, "
                  "Lviv and Khmelnytskyi regions.", date(2025, 2, 7))
    assert e.regions == ["UA-30"]
    (e,) = events("Уночі ворог атакував Харківщину 20 ударними БпЛА. Від початку січня противник "
                  "випустив по Україні понад 2 500 ударних дронів та 70 ракет.", date(2025, 1, 18))
    assert e.launched == 20
    (e,) = events("Russian air defences destroyed 57 Ukrainian drones overnight, Russia's defence ministry "
                  "said, while Ukraine said Russia had attacked it with drones and ballistic missiles.",
                  date(2024, 11, 10))
    assert [w.cls for w in e.weapons] == ["drone"]


def _telegram(tmp_path: Path, posts: list[tuple[str, str]]) -> list[Event]:
    msgs = [{"id": i, "type": "message", "date": when, "text": text} for i, (when, text) in enumerate(posts, 1)]
    path = tmp_path / "channel.json"
    path.write_text(json.dumps({"name": "c", "type": "public_channel", "id": 1, "messages": msgs}), "utf-8")
    return extract(path).events


def test_a_channel_s_running_counts_join_its_morning_summary(tmp_path: Path) -> None:
    (e,) = _telegram(tmp_path, [
        ("2025-07-11T23:14:09", "Внимание! Над Курском силами ПВО сбиты 3 беспилотника."),
        ("2025-07-12T00:52:37", "Ещё 4 БПЛА уничтожены над Курчатовским районом. Пострадавших нет."),
        ("2025-07-12T08:10:20", ("Итоги ночи: над территорией Курской области силами ПВО уничтожены 11 "
                                 "украинских беспилотников. В Курске ранен один человек, погибших нет.")),
    ])
    assert (e.date, e.destroyed, e.killed, e.injured) == (date(2025, 7, 12), 11, 0, 1)
    assert e.message_ids == [1, 2, 3]


def test_both_tells_how_many_came_and_a_closing_zero_belongs_to_its_paragraph_s_one_place() -> None:
    (e,) = events("Russia attacked Ukraine overnight with 40 drones. Both Kh-59/69 guided missiles were "
                  "destroyed.", date(2025, 4, 9))
    assert weapon(e, "guided_air_missile")[:2] == (2, 2)
    (e,) = events(
        "Уночі 3 червня Росія атакувала Україну 88 ударними дронами.\n\n"
        "В Одесі ворожий дрон влучив у будівлю. Загинула одна людина, ще двоє поранені.\n\n"
        "На Миколаївщині уламки збитого дрона пошкодили об'єкт енергетики. Без постраждалих.",
        date(2025, 6, 3))
    assert (e.killed, e.injured) == (1, 2)  # the zero is Mykolaiv region's, not the attack's
    (e,) = events(
        "У ніч на 3 червня російські війська атакували Одещину 42 дронами.\n\n"
        "В Одесі поранено трьох людей. У Чорноморську травмовано жінку. Загиблих немає.",
        date(2025, 6, 3))
    assert (e.killed, e.injured) == (0, 4)


def test_times_of_day_date_each_attack_of_a_wire_story() -> None:
    evening, night, russia = events(
        "ODESA, July 6 - Two Russian cruise missiles struck port facilities in Odesa late on Saturday, "
        "killing a guard, and drones targeted the south overnight, while Russia said it had repelled a "
        "Ukrainian drone attack.\n\n"
        "The Kalibr missiles were fired from a submarine shortly before 11 p.m. and both hit warehouses. "
        "One guard was killed and five other people were injured.\n\n"
        "Russia then sent 26 Shahed drones at the Mykolaiv region overnight. Nineteen were shot down.\n\n"
        "In Russia, the defence ministry said its air defences had destroyed 31 Ukrainian drones over the "
        "Krasnodar region, and that its navy had sunk seven uncrewed surface vessels.",
        date(2025, 7, 6))
    assert (evening.date, evening.killed, evening.injured) == (date(2025, 7, 5), 1, 5)
    assert (night.date, night.launched, night.destroyed) == (date(2025, 7, 6), 26, 19)
    assert (russia.attacker, russia.destroyed) == ("UA", 31)
    day, drones = events(
        "A Russian ballistic missile hit an industrial enterprise in Dnipro shortly after 1 p.m., injuring "
        "six people. Overnight, Russia attacked Ukraine with 48 drones; 30 were shot down.", date(2025, 5, 14))
    assert (day.injured, drones.launched) == (6, 48)


def test_key_takeaways_give_no_figures() -> None:
    night, = events(
        "Key Takeaways:\n"
        "• Russian forces conducted a glide bomb strike against Kharkiv City on June 9, killing two civilians.\n\n"
        "Russian forces conducted a combined strike on the night of June 8 to 9. The Air Force reported that "
        "Russian forces launched 315 drones.", date(2025, 6, 9))
    assert (night.launched, night.killed, [w.cls for w in night.weapons]) == (315, None, ["drone"])


def test_counts_a_later_total_breaks_down_or_restates() -> None:
    (e,) = events(
        "В ночь на 3 июля ВСУ атаковали Курскую область беспилотниками. Над территорией области уничтожены "
        "18 беспилотников. В Рыльске на улице Ленина, 45 ранены трое.\n\n"
        "Минобороны России сообщило, что над территорией России уничтожены 36 украинских беспилотников: "
        "18 – над Курской областью, 11 – над Брянской и 7 – над Белгородской.", date(2024, 7, 3))
    assert (e.destroyed, sorted(e.regions)) == (36, ["RU-BEL", "RU-BRY", "RU-KRS"])
    (e,) = events(
        "В ночь на 6 ноября российские войска атаковали Харьков не менее чем девятью ударными "
        "беспилотниками типа «Шахед». Всего в ночь на 6 ноября противник атаковал Украину 64 ударными "
        "беспилотниками «Шахед».", date(2024, 11, 6))
    assert weapon(e, "attack_drone")[0] == 64


def test_air_force_list_with_a_combined_figure_and_a_mixed_drone_group() -> None:
    (e,) = events(
        "On the night of 7 March, the enemy attacked with 148 air attack assets:\n"
        "– 3 Iskander-M ballistic missiles;\n"
        "– 2 Kh-59/69 guided air missiles;\n"
        "– 143 Shahed attack UAVs, Gerbera and other decoy drones.\n\n"
        "As of 09:00, 99 air targets have been shot down/suppressed:\n"
        "– 1 Iskander-M ballistic missile;\n"
        "– 98 Shahed-type enemy UAVs and drones of other types.\n\n"
        "Both Kh-59/69 missiles hit an infrastructure facility. Hits by ballistic missiles and 4 attack UAVs "
        "were recorded at 6 locations.", date(2025, 3, 7))
    assert weapon(e, "drone") == (143, 98, None)
    assert weapon(e, "ballistic_missile")[:2] == (3, 1)
    assert (e.launched, e.destroyed) == (148, 99)


def test_a_closing_clause_about_another_attack_is_left_to_that_attack() -> None:
    day, night = events(
        "Two Russian ballistic missiles struck Sumy on Thursday morning, killing nine people, hours after "
        "a wave of drones hit several regions overnight.\n\n"
        "The Iskander-M missiles were fired at about 10:15 a.m. Neither missile was intercepted.\n\n"
        "Overnight, Russia attacked Ukraine with 108 drones. Air defences shot down 72 of them.",
        date(2025, 5, 8))
    assert (weapon(day, "ballistic_missile")[:2], day.killed) == ((2, 0), 9)
    assert (night.launched, night.destroyed, night.killed) == (108, 72, None)


def test_a_toll_counted_as_of_the_morning_stays_with_the_evening_strike() -> None:
    evening, night = events(
        "Учора близько 20:40 російські війська вдарили балістичною ракетою Іскандер-М по Кривому Рогу.\n\n"
        "Спершу було відомо про двох загиблих і 19 поранених. Уночі рятувальники дістали з-під завалів "
        "тіла ще двох людей. Станом на ранок суботи загинули четверо людей, поранено 26.\n\n"
        "Цієї ночі окупанти також атакували Дніпропетровщину ударними безпілотниками. Сили ППО знищили "
        "вісім БпЛА. Обійшлося без постраждалих.", date(2025, 3, 15))
    assert (evening.date, evening.killed, evening.injured) == (date(2025, 3, 14), 4, 26)
    assert (night.destroyed, night.killed, night.injured) == (8, 0, 0)


def test_that_one_of_them_is_a_count_after_said() -> None:
    (e,) = events("Russia fired three Iskander-M missiles at Kharkiv overnight. The air force said the missiles "
                  "were fired from the Belgorod region, and that one of them was intercepted.", date(2025, 4, 14))
    assert weapon(e, "ballistic_missile")[:2] == (3, 1)


def test_a_morning_strike_set_apart_from_the_night_is_its_own_event() -> None:
    found = events(
        "Russia fired ballistic missiles at Kyiv on Thursday morning, killing one person, only hours "
        "after a night-long drone attack. Russia had launched five Iskander-M missiles at the "
        "capital at about 7:10 a.m.; four of them were shot down.\n\n"
        "The morning strike followed an overnight attack by 53 Shahed drones; 37 were destroyed "
        "over the Kyiv region. Nobody was killed or injured in the overnight attack."
    )
    assert len(found) == 2
    missiles = next(e for e in found if any(w.cls == "ballistic_missile" for w in e.weapons))
    drones = next(e for e in found if e is not missiles)
    assert weapon(missiles, "ballistic_missile")[:2] == (5, 4)
    assert missiles.killed == 1
    assert weapon(drones, "attack_drone")[:2] == (53, 37)
    assert (drones.killed, drones.injured) == (0, 0)


def test_this_morning_is_still_the_night_wave() -> None:
    (e,) = events(
        "Russia attacked Ukraine overnight with 40 Shahed drones. Air defence destroyed 31 of them "
        "this morning, the air force said."
    )
    assert weapon(e, "attack_drone")[:2] == (40, 31)


def test_a_toll_brought_to_a_count_is_a_toll() -> None:
    found = events(
        "Russian aircraft dropped four guided bombs on Zaporizhzhia on Thursday afternoon, killing "
        "three people. None of the four was intercepted.\n\nRescuers recovered two more bodies from "
        "a workshop hit on Wednesday, bringing the death toll from Wednesday's missile strike to seven."
    )
    by_date = {e.date: e for e in found}
    bombs = by_date[date(2024, 3, 21)]
    assert weapon(bombs, "guided_bomb")[:2] == (4, 0)  # none of any weapon was destroyed
    earlier = by_date[date(2024, 3, 20)]
    assert earlier.killed == 7
    assert all(w.launched is None for w in earlier.weapons)  # "two more bodies" count no weapon


def test_a_missile_after_a_noun_that_governs_the_genitive_is_one() -> None:
    (e,) = events(
        "У ніч на 21 березня противник атакував однією балістичною ракетою Іскандер-М та 64 ударними "
        "БпЛА. Збито 49 ворожих БпЛА. Зафіксовано влучання ракети та 13 ударних БпЛА на 6 локаціях."
    )
    assert weapon(e, "ballistic_missile")[:2] == (1, 0)
    assert (e.launched, e.destroyed) == (65, 49)


def test_a_headline_under_a_masthead_gives_no_figures() -> None:
    (e,) = events(
        "Воронежский курьер · Происшествия · 21 марта 2024, 18:40\n\n"
        "Над Воронежской областью за сутки уничтожили пятнадцать беспилотников\n\n"
        "В ночь на 21 марта над Воронежской областью были обнаружены и уничтожены четырнадцать "
        "украинских беспилотников. Погибших, по данным оперштаба, нет.",
        date(2024, 3, 21),
    )
    assert (e.attacker, e.destroyed, e.killed) == ("UA", 14, 0)


def test_a_reminder_of_a_dated_attack_reports_it_and_of_a_period_does_not() -> None:
    found = events(
        "В ночь на 21 марта враг атаковал Николаев 12 ударными беспилотниками, 10 из них сбиты.\n\n"
        "Напомним, 18 марта в результате атаки дронов на Николаев была ранена женщина.\n\n"
        "Напомним, в феврале Россия выпустила по Украине более 4 тысяч дронов.",
    )
    by_date = {e.date: e for e in found}
    assert set(by_date) == {date(2024, 3, 21), date(2024, 3, 18)}
    assert by_date[date(2024, 3, 18)].injured == 1
    assert weapon(by_date[date(2024, 3, 21)], "attack_drone")[:2] == (12, 10)


def test_counts_of_floors_stairwells_and_later_tolls_are_not_weapons() -> None:
    (e,) = events(
        "Russia launched 14 missiles at Ukraine overnight. In Poltava, a missile tore through a "
        "building, bringing down two of its four stairwells. Debris damaged the floors between 5 and "
        "7 storeys. By midmorning, officials said four residents had been killed. By late Thursday, "
        "the ministry put the toll at six killed, up from an earlier count of four."
    )
    assert (e.launched, e.killed) == (14, 6)
    assert all(w.launched in (None, 14) for w in e.weapons)


def test_a_closing_clause_a_day_after_another_strike_is_left_to_it() -> None:
    found = events(
        "Russian warplanes dropped four guided bombs on Sumy on Thursday afternoon, killing two "
        "people, a day after a missile strike on the city centre killed nine."
    )
    bombs = next(e for e in found if any(w.cls == "guided_bomb" for w in e.weapons))
    assert bombs.killed == 2


def test_ukrainian_strike_with_children_among_the_injured_and_a_reminder_of_the_evening_before() -> None:
    found = events(
        "Російські війська вранці 21 березня вдарили по Дніпру двома балістичними ракетами. "
        "Загинули п'ятеро людей, ще 28 поранено, серед них троє дітей.\n\n"
        "\"Трьох поранених дітей госпіталізовано\", – написав очільник області.\n\n"
        "Жодну з них перехопити не вдалося.\n\n"
        "Нагадаємо, напередодні ввечері дрон-камікадзе атакував Нікопольський район: поранено двох чоловіків."
    )
    by_date = {e.date: e for e in found}
    strike = by_date[date(2024, 3, 21)]
    assert (strike.killed, strike.injured) == (5, 28)
    assert weapon(strike, "ballistic_missile")[:2] == (2, 0)
    evening = by_date[date(2024, 3, 20)]
    assert weapon(evening, "attack_drone")[0] == 1
    assert evening.injured == 2


def test_a_first_count_gives_way_and_hospital_counts_are_not_injured() -> None:
    (e,) = events(
        "Уночі росіяни атакували Київ ударними безпілотниками.\n\n"
        "Раніше повідомлялося про 1 загиблого та 7 постраждалих. Станом на зараз відомо:\n\n"
        "▪️ Дарницький район. Загинули двоє чоловіків. Поранено 5 людей.\n\n"
        "▪️ Оболонський район. Загинула жінка, ще двоє людей постраждали.\n\n"
        "Медики надають допомогу всім постраждалим, 6 людей госпіталізовано."
    )
    assert (e.killed, e.injured) == (3, 7)


def test_an_emergency_service_post_with_a_missile_strike_and_a_night_drone_attack() -> None:
    found = events(
        "21 березня близько 10:20 російська армія завдала ракетного удару по Одесі. "
        "Станом на 17:00 відомо про 6 загиблих.\n\n"
        "Також уночі в Ізмаїльському районі Одещини внаслідок атаки ворожих ударних безпілотників "
        "виникла пожежа. Обійшлося без загиблих і травмованих."
    )
    assert len(found) == 2
    missile = next(e for e in found if any(w.cls == "missile" for w in e.weapons))
    drones = next(e for e in found if e is not missile)
    assert missile.killed == 6
    assert (drones.killed, drones.injured) == (0, 0)


def test_a_village_that_shares_a_city_name_and_a_past_season() -> None:
    (e,) = events(
        "Russia's defence ministry said air defences destroyed 48 Ukrainian drones over the Belgorod "
        "region overnight. A woman was wounded by shrapnel in the border village of Murom, the governor "
        "said. No one was killed. Last autumn, a drone strike on Belgorod killed seven people."
    )
    assert e.regions == ["RU-BEL"]
    assert (e.killed, e.injured) == (0, 1)


def test_an_emoji_bulleted_list_on_single_lines_and_bombers_that_are_no_bombs() -> None:
    (e,) = events(
        "У ніч на 21 березня ворог застосував 106 засобів повітряного нападу, з них:\n"
        "◾️ аеробалістичну ракету Х-47М2 «Кинджал»;\n"
        "◾️ 12 крилатих ракет Х-101 зі стратегічних бомбардувальників Ту-95МС;\n"
        "◾️ 4 крилаті ракети «Калібр» з акваторії Чорного моря;\n"
        "◾️ 89 ударних БпЛА типу Shahed та дронів-імітаторів.\n"
    )
    assert e.launched == 106
    assert weapon(e, "cruise_missile")[0] == 16
    assert weapon(e, "drone")[0] == 89
    assert not any(w.cls == "guided_bomb" for w in e.weapons)


def test_air_launched_is_no_launch_the_other_drones_were_decoys_and_the_downing_of() -> None:
    (e,) = events(
        "Russia fired 13 cruise missiles and 128 drones at Ukraine overnight. Air defence units "
        "destroyed six of the air-launched cruise missiles, as well as 61 of the 79 Shahed-type attack "
        "drones. The other 49 drones were Gerbera-type decoys; 38 of them were \"lost in location\". "
        "The air force said the downing of 67 air targets has been confirmed."
    )
    assert weapon(e, "cruise_missile")[:2] == (13, 6)
    assert weapon(e, "attack_drone")[:2] == (79, 61)
    assert weapon(e, "decoy_drone") == (49, None, 38)
    assert e.destroyed == 67


def test_a_heading_that_says_what_was_seen_in_the_air_and_a_count_that_could_be_destroyed() -> None:
    found = events(
        "У ніч на 21 березня у повітрі фіксували 63 засоби повітряного нападу, а саме:\n\n"
        "    4 крилаті ракети Х-101;\n"
        "    2 керовані авіаційні ракети Х-69 з повітряного простору Брянської області;\n"
        "    57 ударних БпЛА типу «Шахед».\n\n"
        "Нагадаємо, у ніч на 18 березня ворог атакував Україну 50 ударними БпЛА, з них 39 вдалося знищити."
    )
    by_date = {e.date: e for e in found}
    now = by_date[date(2024, 3, 21)]
    assert now.launched == 63
    assert weapon(now, "guided_air_missile")[0] == 2
    assert weapon(by_date[date(2024, 3, 18)], "attack_drone")[:2] == (50, 39)


def test_word_forms_of_letters_without_a_unicode_name_are_left_alone() -> None:
    from skyledger.extract.tokens import grammatical_number, lemma, likely_singular

    word = "\U00017000ракет"  # pymorphy3 fails on a first letter the Unicode database cannot name
    assert lemma(word, "uk") == word
    assert grammatical_number(word, "uk") is None
    assert likely_singular(word, "ru") is False
    assert extract(f"Зафіксовано влучання {word} та 13 ударних БпЛА.", None).language == "uk"


def test_a_death_in_hospital_overnight_and_children_among_the_wounded_keep_the_evening_strike() -> None:
    found = events(
        "A Russian ballistic missile tore into Kryvyi Rih on Wednesday evening, killing five people and "
        "wounding 17, three of them children. The city first put the death toll at four; a woman died "
        "in hospital overnight. Two girls were among the wounded. It was not shot down.\n\n"
        "Later in the night, Russia sent 44 Shahed drones, along with decoys that it did not count. "
        "Air defenses destroyed 29 of the Shaheds, and 12 more vanished from radar."
    )
    by_date = {e.date: e for e in found}
    evening = by_date[date(2024, 3, 20)]
    assert weapon(evening, "ballistic_missile")[:2] == (1, 0)
    assert (evening.killed, evening.injured) == (5, 17)
    assert weapon(by_date[date(2024, 3, 21)], "attack_drone") == (44, 29, 12)


def test_the_following_night_and_a_two_night_summary() -> None:
    found = events(
        "Russia launched a total of 265 drones and three ballistic missiles at Ukraine over the nights "
        "of March 19-20 and March 20-21.\n\n"
        "On the night of March 20, Russian forces attacked with 145 Shahed drones. Air defense shot "
        "down 112 of them.\n\n"
        "The following night, Russia launched three Iskander-M ballistic missiles and 120 Shahed drones. "
        "Air defenses shot down one missile and 79 drones."
    )
    by_date = {e.date: e for e in found}
    assert set(by_date) == {date(2024, 3, 20), date(2024, 3, 21)}
    assert weapon(by_date[date(2024, 3, 20)], "attack_drone")[:2] == (145, 112)
    assert weapon(by_date[date(2024, 3, 21)], "ballistic_missile")[:2] == (3, 1)


def test_a_night_wave_before_a_morning_strike_and_one_of_the_dead() -> None:
    found = events(
        "Two Russian ballistic missiles slammed into Chernihiv on Thursday morning, killing 11 people. "
        "Among the dead was a 9-year-old boy.\n\n"
        "Overnight, before the Chernihiv strike, Russia launched 81 Shahed drones. Forty-seven were shot down."
    )
    assert len(found) == 2
    morning = next(e for e in found if any(w.cls == "ballistic_missile" for w in e.weapons))
    assert morning.killed == 11


def test_a_zero_after_a_town_of_a_named_region_and_a_quoted_name_that_is_no_place() -> None:
    (e,) = events(
        "Russia's defence ministry said its air defence units destroyed 105 Ukrainian drones overnight, "
        "41 over the Bryansk region and 10 over the Kaluga region.\n\n"
        "The governor of the Kaluga region said a drone had hit an industrial site in the town of "
        "Lyudinovo. No one was hurt, he said.\n\n"
        "In the Bryansk region, a woman was injured when drone debris struck a house."
    )
    assert (e.killed, e.injured) == (None, 1)  # "No one was hurt" is Kaluga's; Bryansk gives no dead
    (u,) = events("У ніч на 21 березня над Харківщиною збито 9 БпЛА, повідомили в Повітряному командуванні «Схід».")
    assert u.regions == ["UA-63"]


def test_a_channel_correction_of_a_weapon_count_replaces_it() -> None:
    from skyledger.pipeline import extract_loaded
    from skyledger.sources import load_bytes

    export = {"name": "ОВА", "type": "public_channel", "id": 1, "messages": [
        {"id": 1, "type": "message", "date": "2024-03-21T14:40:00", "date_unixtime": "1711024800",
         "text": "Близько 14:30 ворог скинув 2 керовані авіабомби на Білопілля. Поранено 3 людей."},
        {"id": 2, "type": "message", "date": "2024-03-21T17:10:00", "date_unixtime": "1711033800",
         "text": "Уточнення щодо удару по Білопіллю: за даними ДСНС, ворог скинув не дві, а три керовані авіабомби."},
    ]}
    loaded = load_bytes(json.dumps(export).encode(), source="export.json", kind="telegram")
    (e,) = extract_loaded(loaded, "export.json").events
    assert weapon(e, "guided_bomb")[0] == 3
    assert e.launched == 3


def test_a_toll_risen_after_a_body_was_found_somewhere_and_a_dated_attack_after_background() -> None:
    found = events(
        "Russia fired 58 missiles at Ukraine overnight, killing at least seven people.\n\n"
        "The regional governor said three people were killed in the Kharkiv region.\n\n"
        "Later on Thursday, the interior minister said the death toll had risen to eight after rescuers "
        "recovered a body from a house in the Kharkiv region. In total, 23 people were injured in the attack, he said.\n\n"
        "It was the fifth mass strike on Ukraine's energy sector since the start of the heating season. "
        "The last attack on this scale, on 28 December, involved 93 missiles."
    )
    by_date = {e.date: e for e in found}
    assert (by_date[date(2024, 3, 21)].killed, by_date[date(2024, 3, 21)].injured) == (8, 23)
    past = by_date[date(2023, 12, 28)]
    assert (past.attacker, past.target_country, past.launched) == ("RU", "UA", 93)


def test_a_count_over_one_region_named_before_it_is_a_part_of_the_national_count() -> None:
    (e,) = events(
        "Ночью враг атаковал область дронами. Над Днепропетровщиной силы ПВО сбили 16 беспилотников.\n\n"
        "По данным Воздушных сил, всего в ночь на 21 марта враг атаковал Украину 57 ударными БпЛА "
        "типа Shahed. Сбиты 40 дронов."
    )
    assert weapon(e, "attack_drone")[:2] == (57, 40)


def test_a_lead_that_tells_two_attacks_keeps_the_first_ones_victims_and_a_toll_risen_after_a_death() -> None:
    found = events(
        "A Russian ballistic missile slammed into the center of Sumy late Wednesday, killing four people and "
        "wounding 31, and Russian drones struck the northern city of Chernihiv overnight, officials said.\n\n"
        "By morning the death toll had risen to five after an 81-year-old woman died of her wounds in hospital.\n\n"
        "Overnight, Russia launched 46 Shahed drones. Twenty-nine of them were shot down."
    )
    by_date = {e.date: e for e in found}
    evening = by_date[date(2024, 3, 20)]
    assert (evening.killed, evening.injured) == (5, 31)
    assert evening.regions == ["UA-59"]
    assert weapon(by_date[date(2024, 3, 21)], "attack_drone")[:2] == (46, 29)


def test_a_governors_victim_of_the_night_attack_and_one_drone_beside_a_national_count() -> None:
    found = events(
        "В течение прошедшей ночи средствами ПВО уничтожены 37 украинских беспилотников: 14 – над "
        "территорией Брянской области, 23 – над территорией Курской области.\n\n"
        "Позднее сообщили, что в период с 07.00 до 09.00 мск над Брянской областью уничтожены еще шесть БПЛА.\n\n"
        "Губернатор Брянской области сообщил, что в результате ночной атаки беспилотника на поселок "
        "пострадала мирная жительница."
    )
    night = next(e for e in found if e.destroyed == 37)
    assert weapon(night, "drone")[:2] == (None, 37)
    assert night.injured is None  # Kursk says nothing


def test_a_toll_of_the_night_attack_rises_after_an_evening_strike_is_told() -> None:
    found = events(
        "Уночі ворог завдав удару по Запоріжжю ударними безпілотниками. Ще 6 людей поранені.\n\n"
        "Також учора ввечері окупанти скинули 3 КАБи на Запорізький район, поранена жінка.\n\n"
        "UPD 08:35. Кількість поранених унаслідок нічної атаки на Запоріжжя зросла до 8."
    )
    by_date = {e.date: e for e in found}
    assert by_date[date(2024, 3, 21)].injured == 8
    assert by_date[date(2024, 3, 20)].injured == 1


def test_a_model_named_alone_takes_its_number_from_its_verb() -> None:
    (e,) = events(
        "Russia attacked Ukraine overnight with a Kinzhal aeroballistic missile and 40 drones. "
        "The Kinzhal was fired from a MiG-31K aircraft. The Kinzhal missile was not shot down."
    )
    assert weapon(e, "aeroballistic_missile")[:2] == (1, 0)


def test_a_days_toll_after_two_attacks_or_shelling_is_no_attacks_toll() -> None:
    found = events(
        "Учора о 15:20 росіяни вдарили по Миколаєву двома балістичними ракетами. Поранені троє працівників.\n\n"
        "Уночі над областю сили ППО знищили 9 дронів. У Миколаєві поранено 4 людей.\n\n"
        "Загалом за минулу добу на Миколаївщині поранено 8 людей."
    )
    by_date = {e.date: e for e in found}
    assert by_date[date(2024, 3, 20)].injured == 3
    assert by_date[date(2024, 3, 21)].injured == 4


def test_a_count_after_regions_listed_together_is_over_them_all() -> None:
    (e,) = events(
        "Ukrainian drones attacked Russia's Voronezh and Lipetsk regions overnight, setting a fuel depot on "
        "fire and injuring four people, regional governors said.\n\n"
        "The Voronezh governor said debris had damaged three houses in the Liskinsky district, wounding "
        "three people.\n\nIn the Lipetsk region, a drone hit an industrial park in Yelets. One worker was injured."
    )
    assert (e.attacker, e.injured) == ("UA", 4)


def test_an_air_force_addition_message_updates_the_night_and_a_verbless_list_heading_counts_launches(
        tmp_path: Path) -> None:
    (e,) = _telegram(tmp_path, [
        ("2024-02-15T08:02:55", (
            "У ніч на 15 лютого 2024 року противник завдав комбінованого удару по Україні.\n\n"
            "Загалом – 35 засобів повітряного нападу:\n"
            "– 29 крилатих ракет Х-101/Х-555 з літаків Ту-95МС;\n"
            "– 6 керованих авіаційних ракет Х-59 з повітряного простору Бєлгородської обл.\n\n"
            "В результаті бойової роботи знищено 26 повітряних цілей:\n"
            "– 24 крилаті ракети Х-101/Х-555;\n– 2 керовані авіаційні ракети Х-59.")),
        ("2024-02-15T10:17:20", (
            "Доповнення до ранкового повідомлення.\n\nЗа уточненими даними, над Житомирщиною також знищено "
            "ще 3 крилаті ракети Х-101/Х-555. Таким чином, загалом збито 29 повітряних цілей, з них – 27 "
            "крилатих ракет Х-101/Х-555.")),
    ])
    assert weapon(e, "guided_air_missile")[:2] == (6, 2)
    assert weapon(e, "cruise_missile")[:2] == (29, 27)
    assert (e.launched, e.destroyed) == (35, 29)
    assert "UA-18" in e.regions


def test_hits_counted_as_impacts_and_a_toll_updated_after_an_alert_and_shelling() -> None:
    found = events(
        "Харьковчане! Ночью город опять подвергся ракетному удару. По предварительной информации, было как "
        "минимум 4 прилета ракет С-300 – в Киевском и Слободском районах.\n\n"
        "Пострадали 3 человека, все госпитализированы. Погибших, к счастью, нет.\n\n"
        "Вчера вечером оккупанты также обстреляли Салтовку из «Градов». Пострадавших нет.\n\n"
        "Еще раз прошу харьковчан не игнорировать сигналы воздушной тревоги!\n\n"
        "UPD 09:15. Количество пострадавших в результате ночного удара возросло до 5 человек."
    )
    (e,) = found
    assert weapon(e, "anti_aircraft_missile")[:2] == (4, None)  # at least four hit; none said shot down
    assert (e.killed, e.injured) == (0, 5)


def test_a_leads_time_dates_the_first_attack_and_a_days_toll_after_shelling_is_no_attacks() -> None:
    found = events(
        "Ситуація в області станом на 21:00\n\n"
        "Протягом дня росіяни 41 раз обстріляли прикордонні території Сумщини.\n\n"
        "▪️ Білопільська громада: ворог завдав авіаудару – скинув 3 КАБи; також артилерійський обстріл.\n\n"
        "Внаслідок удару КАБ по Білопіллю поранено чотирьох людей.\n\n"
        "Внаслідок артилерійського обстрілу Миропілля поранено жінку.\n\n"
        "Загалом за день на Сумщині внаслідок ворожих обстрілів поранені 5 людей.\n\n"
        "Також минулої ночі ворог атакував Сумську громаду ударними БпЛА. Постраждалих немає.",
        date(2024, 6, 18),
    )
    assert len(found) == 2
    day, night = sorted(found, key=lambda e: e.injured or 0, reverse=True)
    assert (day.injured, weapon(day, "guided_bomb")[0]) == (4, 3)
    assert (night.injured, night.killed) == (0, 0)


def test_a_quoted_zero_is_its_paragraphs_place_and_russias_armed_forces_strike_ukraine() -> None:
    found = events(
        "МОСКВА, 21 марта. Средства ПВО перехватили и уничтожили 36 украинских беспилотников, сообщили в "
        "Министерстве обороны РФ.\n\n"
        "Губернатор Курской области сообщил, что в поселке Теткино ранены двое мирных жителей.\n\n"
        "По словам губернатора Тульской области, обломки беспилотника упали на территории предприятия в "
        "Новомосковске. \"Пострадавших нет, угрозы для жителей нет\", - написал он.\n\n"
        "Кроме того, в министерстве заявили, что в ответ на атаки киевского режима Вооруженные силы РФ "
        "нанесли групповой удар ударными беспилотниками по объектам Украины.",
        date(2025, 8, 21),
    )
    (e,) = [e for e in found if e.attacker == "UA"]
    assert e.killed is None  # only Tula says no one was hurt
    assert [w.cls for w in e.weapons] == ["drone"]


def test_key_developments_and_subheads_that_repeat_the_paragraph_after_them_give_no_figures() -> None:
    found = events(
        "Ukraine war latest: Air defense downs 18 of 21 missiles\n\n"
        "Key developments on Sept. 12:\n\n"
        "- Russian drone attack on Kharkiv injures 7, including 4 children\n"
        "- Russia claims it downed 24 Ukrainian drones over 3 oblasts\n\n"
        "Russia launched 21 missiles against Ukraine overnight on Sept. 12, the Air Force reported. "
        "Ukraine's air defense shot down 18 of the 21 missiles.\n\n"
        "Russian drone attack on Kharkiv injures 7, including 4 children\n\n"
        "Russian attack drones struck Kharkiv's Kyivskyi district on the afternoon of Sept. 12, injuring seven "
        "people, four of them children, Kharkiv's mayor reported.\n\n"
        "Russia claims it downed 24 Ukrainian drones over 3 oblasts\n\n"
        "Russia's Defense Ministry claimed that its air defense destroyed 24 Ukrainian drones overnight over "
        "Bryansk, Kursk, and Belgorod oblasts.",
        date(2024, 9, 12),
    )
    assert sorted(((e.attacker, e.injured, e.destroyed) for e in found), key=str) == [
        ("RU", 7, None), ("RU", None, 18), ("UA", None, 24)]
    night = next(e for e in found if e.destroyed == 18)
    assert "UA-63" not in night.regions


def test_a_verbless_total_line_counts_launches_and_a_missile_strike_tells_no_number() -> None:
    (e,) = events(
        "У ніч на 9 листопада противник атакував Україну ударними БпЛА типу «Shahed-136/131» та керованими "
        "авіаційними ракетами Х-59.\n\nВсього 31 ударний БпЛА та 2 керовані авіаційні ракети Х-59.\n\n"
        "Знищено 24 ударні БпЛА та 1 керовану авіаційну ракету Х-59."
    )
    assert weapon(e, "attack_drone")[:2] == (31, 24)
    assert weapon(e, "guided_air_missile")[:2] == (2, 1)
    (e,) = events("Ракетний удар по Кривому Рогу.\n\nБлизько 13:20 ворог вдарив по місту балістичною ракетою "
                  "«Іскандер-М». Влучання – в адміністративну будівлю. Загинули 2 людини.")
    assert weapon(e, "ballistic_missile")[:2] == (1, 0)  # "Влучання – в ...": the one missile hit


def test_people_were_not_hurt_is_a_zero() -> None:
    (e,) = events(
        "Ворог у ніч на суботу атакував Київщину ударними безпілотниками.\n\n"
        "▪️ Обухівський район: загинув чоловік, ще двоє людей травмовані.\n\n"
        "▪️ Броварський район: частково зруйновано нежитлову будівлю. Люди не постраждали."
    )
    assert (e.killed, e.injured) == (1, 2)


def test_a_subhead_without_counts_names_no_place_of_the_attack_before_it() -> None:
    found = events(
        "Russia attacked Ukraine overnight with 97 drones, the Air Force reported. Ukrainian forces shot down "
        "71 drones. In Sumy Oblast, two people were injured.\n\n"
        "Guided bomb strike on Zaporizhzhia\n\n"
        "Russian forces dropped three guided aerial bombs on Zaporizhzhia at around 2 p.m., injuring nine people.",
        date(2025, 7, 15),
    )
    night = next(e for e in found if e.destroyed == 71)
    assert night.regions == ["UA-59"]


def test_missiles_fired_from_coastal_launchers_in_crimea_name_a_launch_area() -> None:
    (e,) = events(
        "On the night of July 21, Russian invaders attacked Ukraine with 19 cruise missiles. Air defense units "
        "destroyed five Kalibr cruise missiles over the Odesa region. The remaining missiles – P-800 Oniks fired "
        "from coastal launchers in occupied Crimea – hit port infrastructure in the Odesa region, where two "
        "people were injured.",
        date(2023, 7, 21),
    )
    assert e.regions == ["UA-51"]
    assert e.injured == 2


def test_a_launch_area_of_russia_in_brackets_does_not_turn_the_attack_around() -> None:
    found = events(
        "У ніч на 21 квітня 2023 року противник атакував Україну 26 ударними БпЛА типу Shahed-136/131 "
        "(Брянська область РФ та мис Чауда, ТОТ Криму). В результаті бойової роботи ППО знищено 21 «шахед».",
        date(2023, 4, 21),
    )
    (e,) = found
    assert (e.attacker, e.target_country) == ("RU", "UA")
    assert weapon(e, "attack_drone")[:2] == (26, 21)


def test_one_citys_revised_count_does_not_replace_the_regions_toll() -> None:
    (e,) = events(
        "Уночі окупанти атакували Дніпропетровщину ударними безпілотниками. Внаслідок ворожої атаки загинули "
        "двоє людей, ще 11 дістали поранень.\n\n"
        "У Дніпрі загинув 47-річний чоловік, ще шестеро людей поранені.\n\n"
        "У Кривому Розі поранені четверо людей. Раніше повідомлялося про п'ятьох постраждалих, однак за "
        "уточненими даними їх четверо.\n\n"
        "У Павлоградському районі загинула 68-річна жінка, ще одна людина травмована."
    )
    assert (e.killed, e.injured) == (2, 11)


def test_hundreds_of_thousands_of_homes_is_not_a_period_total() -> None:
    (e,) = events(
        "Russia fired 40 missiles at Ukraine's power grid overnight. At least three people were killed and "
        "12 injured, and power was cut to hundreds of thousands of homes in the west."
    )
    assert (e.killed, e.injured) == (3, 12)


def test_a_sentence_that_places_a_city_on_the_map_adds_no_region() -> None:
    found = events(
        "Debris from a Ukrainian drone shot down over Voronezh injured two people overnight, the governor said.\n\n"
        "Separately, the governor of the Belgorod region said a man had been killed on Sunday in a Ukrainian "
        "drone attack.\n\n"
        "Voronezh, a city of about 1 million people, lies roughly 250 km from the Ukrainian border.",
        date(2024, 8, 5),
    )
    assert [e.regions for e in found] == [["RU-VOR"], ["RU-BEL"]]


def test_a_night_said_after_that_dates_the_attack_not_the_statement() -> None:
    found = events(
        "Дежурные средства ПВО в воскресенье вечером уничтожили 23 украинских беспилотника над Брянской "
        "областью. Ранее Минобороны сообщало, что в ночь на воскресенье над Курской областью были "
        "уничтожены 36 беспилотников. Таким образом, всего за сутки над территорией России перехвачены "
        "59 украинских БПЛА.",
        date(2024, 10, 27),
    )
    assert sorted(weapon(e, "drone")[1] or 0 for e in found) == [23, 36]


def test_sirens_over_dozens_of_communities_name_no_target() -> None:
    (e,) = events(
        "The Houthis fired a ballistic missile at Israel late on Tuesday; it was shot down near Rishon LeZion. "
        "Sirens sounded in Tel Aviv and dozens of communities in the south, sending hundreds of thousands of "
        "people to shelters.",
        date(2025, 1, 22),
    )
    assert "IL-TA" not in e.regions


def test_no_one_killed_or_injured_after_one_regions_damage_is_that_regions() -> None:
    (e,) = events(
        "Overnight, Russia launched 18 Shahed drones; 15 were destroyed over the Kyiv, Vinnytsia and "
        "Khmelnytskyi regions.\n\nIn the Khmelnytskyi region, an infrastructure facility in Starokostiantyniv "
        "was damaged. No one was killed or injured.",
        date(2023, 11, 17),
    )
    assert (e.killed, e.injured) == (None, None)
    assert [(p.region, p.killed, p.injured) for p in e.casualties_by_place] == [("UA-68", 0, 0)]


def test_a_zero_the_regional_head_reported_is_his_regions() -> None:
    (e,) = events(
        "В ночь на 6 сентября враг запустил 78 ударных БпЛА. Обломки сбитого дрона ранили девять человек в "
        "Сумах.\n\nВ Хмельницкой области обломки дрона повредили два частных дома. Пострадавших нет, "
        "сообщил глава ОВА.",
        date(2024, 9, 6),
    )
    assert (e.killed, e.injured) == (None, 9)  # every region has a word on the injured
    assert ("UA-68", 0, 0) in [(p.region, p.killed, p.injured) for p in e.casualties_by_place]


def test_no_victims_after_mortar_fire_are_the_mortars() -> None:
    (e,) = events(
        "Ночью ВСУ атаковали Белгородскую область беспилотниками. В посёлке Октябрьский пострадали двое "
        "мирных жителей.\n\nКроме того, Грайворон подвергся обстрелу из миномёта – выпущено 14 снарядов. "
        "Пострадавших нет, повреждена хозпостройка.",
        date(2024, 6, 17),
    )
    assert (e.killed, e.injured) == (None, 2)


def test_a_spokesmans_quoted_interception_counts() -> None:
    (e,) = events(
        'Russia launched 43 Shahed-136 drones at the south overnight. "Thirty-seven of them were destroyed by '
        'our air defence," a spokesperson said.',
        date(2022, 10, 22),
    )
    assert weapon(e, "attack_drone")[:2] == (43, 37)


def test_a_morning_of_other_weapons_than_the_nights_is_its_own_attack() -> None:
    found = events(
        "Russian aircraft dropped two guided aerial bombs on Beryslav in Kherson Oblast on Monday morning, "
        "killing a man and injuring four people.\n\n"
        "Overnight, Ukraine's Air Force shot down 15 of 20 Shahed drones that Russia launched against the south.",
        date(2023, 11, 20),
    )
    assert sorted(((e.killed, e.injured, e.launched) for e in found), key=str) == [(1, 4, 2), (None, None, 20)]


def test_drones_downed_over_poland_during_an_attack_on_ukraine_are_an_attack_on_poland() -> None:
    found = events(
        "Polish and allied aircraft shot down three drones that crossed into Polish airspace overnight during a "
        "large Russian attack on western Ukraine. There had been 19 violations of Polish airspace, most of them "
        "by drones flying in from Belarus.\n\n"
        "Ukraine's air force said Russia had launched more than 100 drones at the Volyn and Lviv regions "
        "overnight. In Lutsk, a drone hit an apartment building, injuring two people.",
        date(2025, 8, 13),
    )
    sides = {(e.attacker, e.target_country): e for e in found}
    assert set(sides) == {("RU", "PL"), ("RU", "UA")}
    assert weapon(sides["RU", "PL"], "drone")[1] == 3
    assert sides["RU", "UA"].injured is None  # two regions, one counted
    assert [(p.region, p.injured) for p in sides["RU", "UA"].casualties_by_place] == [("UA-07", 2)]


def test_a_day_after_an_attack_the_sentence_dates_counts_that_attacks_weapon() -> None:
    found = events(
        "A drone launched by Yemen's Houthi rebels hit a building in Ashkelon early Saturday, wounding three "
        "people, Israel's military said.\n\n"
        "The strike came less than a day after the rebels fired a ballistic missile at the Tel Aviv area on "
        "Friday afternoon. The missile was intercepted by the Arrow air defense system. No one was hurt.",
        date(2024, 12, 21),
    )
    by_day = {e.date: e for e in found}
    assert weapon(by_day[date(2024, 12, 20)], "ballistic_missile")[:2] == (1, 1)
    assert by_day[date(2024, 12, 21)].injured == 3


def test_the_second_attack_this_week_is_no_period_total() -> None:
    found = events(
        "Russian glide bombs struck Zaporizhzhia on Friday, killing two people and wounding 11, the regional "
        "governor said, the second attack on the city this week.\n\n"
        "It was the tenth attack on the capital this month, according to the city administration.",
        date(2025, 4, 4),
    )
    (e,) = found
    assert (e.killed, e.injured, e.regions) == (2, 11, ["UA-23"])


def test_an_attack_two_days_before_the_one_in_hand_is_its_own_event() -> None:
    found = events(
        "Two Russian ballistic missiles slammed into the port of Odesa on Wednesday afternoon, killing eight "
        "people.\n\nIt came two days after a Russian drone strike on the nearby port of Chornomorsk killed a "
        "security guard at a grain terminal.",
        date(2024, 10, 9),
    )
    assert sorted((e.date, e.killed) for e in found) == [(date(2024, 10, 7), 1), (date(2024, 10, 9), 8)]


def test_a_launch_list_runs_on_through_as_well_as_and_a_territory() -> None:
    (e,) = events(
        "Russia launched 80 drones at Ukraine overnight. The drones were launched from the directions of Russia's "
        "Kursk and Millerovo, as well as Hvardiiske in occupied Crimea. Two Kh-59 missiles were fired from the "
        "airspace over the temporarily occupied territory of Zaporizhzhia region. Drones were shot down over the "
        "Odesa region.",
        date(2025, 6, 19),
    )
    assert e.regions == ["UA-51"]


def test_crimea_in_a_russian_bulletin_is_a_region_of_the_attack_on_russia() -> None:
    (e,) = events(
        "Дежурные средства ПВО минувшей ночью перехватили и уничтожили 26 украинских беспилотников: 11 – над "
        "территорией Брянской области, 9 – над территорией Курской области и 6 – над территорией Республики Крым.",
        date(2024, 7, 24),
    )
    assert (e.attacker, e.target_country) == ("UA", "RU")
    assert e.regions == ["RU-BRY", "RU-KRS", "UA-43"]


def test_zapustyv_launches_and_enemy_shaheds_in_quotes_are_counted() -> None:
    (e,) = events(
        "З 22:00 9 грудня до 06:00 10 грудня ворог запустив 22 ударні безпілотники з південно-східного напрямку.\n\n"
        "Загалом знищено 18 з 22 ворожих «шахедів», з них 10 – над Одещиною, 6 – над Миколаївщиною.",
        date(2022, 12, 10),
    )
    assert weapon(e, "attack_drone")[:2] == (22, 18)


def test_more_verbs_of_launch_and_interception() -> None:
    for text in ("Overnight Russia unleashed 20 drones at Ukraine. Air defences took out 15 drones.",
                 "Overnight Russia hurled 20 drones at Ukraine. Air defences knocked out 15 drones.",
                 "Вночі ворог запустив 20 ударних БпЛА. Силами ППО ліквідовано 15 дронів."):
        (e,) = events(text, date(2024, 5, 1))
        assert (e.launched, e.destroyed) == (20, 15), text


def test_a_bare_evening_in_a_quoted_post_is_the_evening_already_told() -> None:
    found = events(
        "Yesterday evening, Russian troops struck Kryvyi Rih with an Iskander-M ballistic missile, killing two "
        "people. Overnight, the enemy also attacked the Dnipropetrovsk region with Shahed drones.\n\n"
        '"Kryvyi Rih. Late in the evening, the aggressor attacked the city with a ballistic missile. Another 11 '
        'were injured," the post reads.\n\n'
        "At night, air defense forces destroyed 9 of 11 Shahed-type drones over the region.",
        date(2024, 6, 26),
    )
    assert sorted((e.date, e.killed, e.injured) for e in found if e.killed) == [(date(2024, 6, 25), 2, 11)]
    assert len(found) == 2


def test_the_day_a_lead_names_dates_the_night_after_it() -> None:
    found = events(
        "The heaviest blow came on Thursday. Overnight, Russia fired 8 Kh-101 cruise missiles at Ukraine; air "
        "defences shot down 6. In the Ivano-Frankivsk region, a missile struck an energy facility; about 40,000 "
        "customers were left without power until Friday evening.",
        date(2023, 11, 19),
    )
    (e,) = found
    assert e.date == date(2023, 11, 16)
    assert weapon(e, "cruise_missile")[:2] == (8, 6)


def test_a_risen_toll_counts_though_a_hospital_is_nearer() -> None:
    (e,) = events(
        "Russian glide bombs hit Kharkiv on Wednesday afternoon, killing two. The death toll from the strike has "
        "risen to three after a woman died in hospital.",
        date(2024, 5, 22),
    )
    assert e.killed == 3


def test_no_casualties_were_reported_is_not_a_zero() -> None:
    (e,) = events(
        "Russia attacked the Sumy region with Shahed drones overnight. A 47-year-old man was injured in Sumy. "
        "The Shostka community also came under attack; no casualties were reported there.",
        date(2024, 5, 22),
    )
    assert (e.killed, e.injured) == (None, 1)


def test_a_count_before_a_colon_is_the_whole_of_the_list_after_it() -> None:
    (e,) = events(
        "У ніч на 14 листопада противник атакував 46 ударними БпЛА типу Shahed. Станом на 09:00 збито 38 "
        "ударних БпЛА: на Київщині – 12, на Житомирщині – 9, на Черкащині – 7, на Вінниччині – 6, на "
        "Хмельниччині – 4.",
        date(2024, 11, 14),
    )
    assert weapon(e, "attack_drone")[:2] == (46, 38)


def test_n_of_the_downed_missiles_were_cruise_missiles() -> None:
    (e,) = events(
        "Russia fired 94 missiles at Ukraine overnight: 90 Kh-101 and Kalibr cruise missiles and four Iskander-M "
        "ballistic missiles. Air defences destroyed 81 missiles and 80 drones. Eighty of the downed missiles were "
        "cruise missiles; one of the four Iskanders was intercepted.",
        date(2024, 12, 13),
    )
    assert weapon(e, "cruise_missile")[:2] == (90, 80)
    assert weapon(e, "ballistic_missile")[:2] == (4, 1)


def test_a_count_right_after_its_casualty_verb_counts_people() -> None:
    (e,) = events(
        "Russia's defence ministry said Ukraine had tried to attack the Engels airfield in the Saratov region with "
        "jet drones. The ministry said the drones were intercepted, but that falling debris had killed three "
        "servicemen and wounded six.",
        date(2022, 12, 5),
    )
    assert (e.killed, e.injured) == (3, 6)
    assert weapon(e, "drone")[1] is None


def test_a_paragraph_a_period_count_opens_is_the_periods() -> None:
    found = events(
        "Вночі ворог атакував Сумщину 12 ударними БпЛА, поранено двох людей.\n\n"
        "За тиждень (8–14 травня) ворог здійснив 286 обстрілів 41 населеного пункту Сумщини. Застосовано 23 КАБ, "
        "104 ударні дрони та 7 ракет. Загинули 6 мирних жителів, ще 27 дістали поранення.",
        date(2025, 5, 15),
    )
    (e,) = found
    assert (e.launched, e.killed, e.injured) == (12, None, 2)


def test_a_post_that_counts_no_weapons_sums_up_no_running_count(tmp_path: Path) -> None:
    found = _telegram(tmp_path, [
        ("2025-06-18T06:52:14", ("Минобороны России: за прошедшую ночь ПВО перехвачены и уничтожены 53 украинских "
                                 "беспилотника, из них 17 — над территорией Липецкой области.")),
        ("2025-06-18T07:34:40", ("В результате атаки БПЛА на промышленную площадку в Липецке произошло возгорание. "
                                 "Пострадали два сотрудника предприятия.")),
    ])
    assert 53 in [e.destroyed for e in found]


def test_a_toll_risen_after_a_weapon_is_named_counts_people() -> None:
    (e,) = events(
        "Russian guided bombs struck Kharkiv, injuring 14. The number of people injured in this afternoon's "
        "guided bomb strike on Kharkiv has risen to 16, the city's mayor has said.",
        date(2024, 6, 22),
    )
    assert e.injured == 16


def test_an_attack_repelled_counts_the_drones_destroyed() -> None:
    for text in ("Силами ПВО Минобороны отражена атака 11 БПЛА, летевших на Москву.",
                 "Moscow's mayor said air defenses had repelled an attack by 11 drones flying toward the city."):
        (e,) = events(text, date(2025, 5, 21))
        assert (e.attacker, weapon(e, "drone")[:2]) == ("UA", (None, 11)), text


def test_a_newest_first_blog_keeps_its_entries_apart() -> None:
    found = events(
        "16:55\nNational total\n\nThe interior minister gave a national total for last night's attack: seven people "
        "killed and 26 injured. That covers Kyiv city and Dnipro, she said.\n\n"
        "11:30\nKharkiv toll rises\n\nThe number of people killed in Wednesday's glide bomb strike on Kharkiv has "
        "risen to four, the mayor said. A 73-year-old woman died in hospital overnight. Russian aircraft dropped "
        "two KAB bombs on the city on Wednesday afternoon.\n\n"
        "10:30\nKyiv toll\n\nKyiv's mayor says three people were killed and 11 injured in the capital.\n\n"
        "09:10\nAir force figures\n\nRussia launched 38 missiles and 42 Shahed drones, the air force says. Of the "
        "missiles, six were Kinzhal missiles fired from MiG-31K jets over the Tambov region.\n\n"
        "08:40\nRussia says it downed drones\n\nRussia's defence ministry says its air defences destroyed 12 "
        "Ukrainian drones overnight over the Bryansk and Kursk regions.",
        date(2024, 10, 3),
    )
    by_side = {(e.attacker, e.date): e for e in found}
    night = by_side["RU", date(2024, 10, 3)]
    assert (night.launched, night.killed, night.injured) == (80, 7, 26)
    assert "RU-TAM" not in by_side["UA", date(2024, 10, 3)].regions
    assert by_side["RU", date(2024, 10, 2)].killed == 4


def test_a_reporting_window_in_12_hour_time_dates_its_night() -> None:
    (e,) = events(
        '"Between 11:00 p.m. Moscow time on May 19 and 7:00 a.m. Moscow time on May 20, air defense assets '
        'destroyed 26 Ukrainian unmanned aerial vehicles," the ministry said.',
        date(2025, 5, 20),
    )
    assert e.date == date(2025, 5, 20)


def test_days_after_a_named_days_strike_is_that_days_attack() -> None:
    found = events(
        "Russia attacked Kyiv overnight with 40 drones, killing at least four people, officials said on Tuesday. "
        "Tuesday's attack came three days after Saturday's drone strike on Dnipro, in which six people were killed.",
        date(2026, 1, 20),
    )
    assert {(e.date, e.killed) for e in found} == {(date(2026, 1, 20), 4), (date(2026, 1, 17), 6)}


def test_the_one_count_of_missiles_that_struck_a_place_is_all_that_came() -> None:
    (e,) = events(
        "Zaporizhzhia's city council says four S-300 missiles struck an industrial site in the city late on "
        "Wednesday. One person was killed.",
        date(2022, 11, 3),
    )
    assert weapon(e, "anti_aircraft_missile")[:2] == (4, 0)


def test_oblique_ninety_joins_its_units() -> None:
    (e,) = events("У ніч на 13 грудня противник атакував дев'яноста чотирма засобами повітряного нападу.",
                  date(2024, 12, 13))
    assert e.launched == 94


def test_there_is_the_place_just_named() -> None:
    (e,) = events(
        "Уночі Росія атакувала Одещину та Миколаївщину ударними дронами. Одна ракета влучила в портову "
        "інфраструктуру на Одещині. Там загинула одна людина — 43-річний працівник порту.",
        date(2026, 2, 1),
    )
    assert e.killed is None  # Mykolaiv region says nothing of its victims
    assert [(p.region, p.killed) for p in e.casualties_by_place] == [("UA-51", 1)]


def test_a_toll_reported_in_the_morning_gives_way_to_a_risen_one() -> None:
    (e,) = events(
        "В ночь на 4 марта российские войска атаковали Одессу ударными беспилотниками. Число погибших выросло "
        "до трех, сообщил начальник ОВА. Утром сообщалось о двух погибших.",
        date(2026, 3, 4),
    )
    assert e.killed == 3


def test_a_hotline_number_counts_nobody() -> None:
    (e,) = events(
        "Близько 16:20 окупанти завдали удару двома керованими авіабомбами по Харкову. Поранено 31 людину. "
        "Гаряча лінія психологічної підтримки для рідних постраждалих: 0 800 33 44 55.",
        date(2024, 5, 25),
    )
    assert e.injured == 31


def test_a_total_for_one_place_is_that_places() -> None:
    (e,) = events(
        "У ніч на 11 лютого противник атакував Київ ударними БпЛА. Кількість загиблих у Києві зросла до "
        "чотирьох. Загалом у столиці поранено 19 людей. На Київщині у Броварському районі двоє людей дістали "
        "поранення, загиблих немає. Пункти незламності в Києві працюють цілодобово.",
        date(2026, 2, 11),
    )
    assert (e.killed, e.injured) == (4, 21)


def test_an_update_post_names_its_attack_by_place(tmp_path: Path) -> None:
    found = _telegram(tmp_path, [
        ("2024-06-08T18:24:09", ("❗️Белгород атакован беспилотниками.\n\nСистемой ПВО над городом сбиты 3 БПЛА. "
                                 "Ранены три человека.")),
        ("2024-06-08T20:05:51", ("Уточнённая информация по вечерней атаке на Белгород.\n\nЕщё двое жителей "
                                 "обратились за медицинской помощью. Всего ранены 5 человек.")),
    ])
    assert [(e.attacker, e.destroyed, e.injured) for e in found] == [("UA", 3, 5)]


def test_a_district_adjective_before_its_noun_is_no_place() -> None:
    (e,) = events(
        "Украинские беспилотники в ночь на воскресенье атаковали Рязанский НПЗ, сообщил губернатор Рязанской "
        "области. Из-за атаки в аэропортах Внуково, Домодедово и Жуковский вводились ограничения. Минобороны "
        "сообщило о 57 сбитых БПЛА.",
        date(2024, 8, 18),
    )
    assert e.regions == ["RU-RYA"]


def test_the_ministry_in_moscow_is_where_it_speaks() -> None:
    (e,) = events(
        "Russian air defences destroyed 31 Ukrainian drones over the Bryansk region overnight, the defence ministry "
        "in Moscow said on Saturday.",
        date(2025, 6, 14),
    )
    assert e.regions == ["RU-BRY"]


def test_launches_over_an_occupied_part_of_a_region_come_from_there() -> None:
    (e,) = events(
        "У ніч на 13 червня противник атакував 4 керованими авіаційними ракетами Х-59 з літаків Су-34 з "
        "повітряного простору над тимчасово окупованою частиною Запорізької області. Збито 2 ракети над "
        "Дніпропетровською областю.",
        date(2023, 6, 13),
    )
    assert e.regions == ["UA-12"]


def test_the_capital_region_is_the_region_around_the_capital() -> None:
    (e,) = events(
        "Russia launched 135 drones at Ukraine overnight, the air force said, as drones were still circling over "
        "the capital region well into the morning.",
        date(2025, 11, 14),
    )
    assert e.regions == ["UA-32"]


def test_a_power_cut_between_the_figures_does_not_part_them() -> None:
    (e,) = events(
        "Russia fired 19 missiles and 135 drones at Ukraine overnight, the air force said. Grid operator Ukrenergo "
        "said it had been forced to introduce emergency outages in Kyiv and seven other regions. One person was "
        "killed and seven were injured across the country, officials said.",
        date(2025, 11, 14),
    )
    assert (e.launched, e.killed, e.injured) == (154, 1, 7)
    assert "UA-30" not in e.regions


def test_a_place_label_heads_the_post_under_it(tmp_path: Path) -> None:
    (e,) = _telegram(tmp_path, [
        ("2025-09-04T21:10:00", ("Синельниківський район\n\nУвечері ворог атакував громаду ударним дроном. "
                                 "Поранено жінку 54 років.")),
    ])
    assert (e.regions, e.injured) == (["UA-12"], 1)


def test_a_regional_governors_toll_is_one_regions() -> None:
    found = events(
        "Russian air defences destroyed Ukrainian drones over four regions overnight, the defence ministry said on "
        "Saturday, and a regional governor said one person had been killed. According to the ministry, 18 drones "
        "were brought down over the Bryansk region, seven over the Kursk region, four over the Oryol region and "
        "two over the Belgorod region. The governor of the Bryansk region said a 58-year-old man was killed when a "
        "drone fell on a farm building. The governor of the Oryol region said there were no casualties.",
        date(2024, 6, 15),
    )
    (e,) = found
    assert (e.destroyed, e.killed) == (31, None)


def test_after_a_power_cut_only_a_figure_resumes_the_attack() -> None:
    found = events(
        "Russia attacked Kyiv overnight with 40 drones, killing four people, officials said on Tuesday. The attack "
        "came three days after Saturday's drone strike on Dnipro, in which six people were killed. The grid "
        "operator announced emergency power cuts in seven regions. Households in Kyiv can check their outage group "
        "online.",
        date(2026, 1, 20),
    )
    earlier = next(e for e in found if e.date == date(2026, 1, 17))
    assert earlier.regions == ["UA-12"]


def test_a_count_put_right_replaces_the_one_reported_first() -> None:
    (e,) = events(
        "Ukraine's air force has revised its overnight figures. It now says Russia launched 29 Shahed drones, not 27 "
        "as first reported. Of those, 24 were shot down.",
        date(2024, 6, 20),
    )
    assert weapon(e, "attack_drone")[:2] == (29, 24)


def test_drones_downed_over_an_unplaced_district_are_a_part() -> None:
    (e,) = events(
        "Ukraine's air force says Russia attacked overnight with 27 Shahed drones; 24 were destroyed over the "
        "Odesa and Mykolaiv regions. The head of the Mykolaiv regional administration says two drones were downed "
        "over the Bashtanka district.",
        date(2024, 6, 20),
    )
    assert weapon(e, "attack_drone")[:2] == (27, 24)


def test_a_drone_that_fell_among_dozens_downed_is_no_launch_count() -> None:
    (e,) = events(
        "Russia's defence ministry says its air defences destroyed \"dozens\" of Ukrainian drones over the Voronezh "
        "region overnight. The governor says a girl was injured when a drone fell near a residential block.",
        date(2024, 6, 20),
    )
    assert weapon(e, "drone")[:2] == (None, None)


def test_a_number_word_after_a_date_is_a_count() -> None:
    (e,) = events("6 жовтня дві ракети С-300 влучили в багатоповерхівку в Запоріжжі, загинули троє людей.",
                  date(2023, 10, 23))
    assert weapon(e, "anti_aircraft_missile")[:2] == (2, 0)


def test_the_city_in_an_oblique_case_points_back() -> None:
    (e,) = events(
        "У ніч проти 20 жовтня росіяни випустили по Запоріжжю сім ракет С-300. Загалом у місті внаслідок того "
        "удару загинули дев'ятеро людей. За даними ОВА, всього в області тієї ночі загинули 11 людей.",
        date(2023, 10, 23),
    )
    assert e.killed == 11


def test_what_a_weapon_has_mostly_been_used_against_is_history() -> None:
    found = events(
        "On Tuesday, two KN-23s aimed at Kyiv were shot down by Patriot systems, the air force said.\n\n"
        "ZIRCON AND ONIKS\n\nThe P-800 Oniks is fired from coastal launchers in Crimea and has mostly been used "
        "against Odesa and Mykolaiv.",
        date(2025, 2, 14),
    )
    (e,) = found
    assert e.regions == ["UA-30"]


def test_the_verb_after_a_launch_participle_is_the_counts() -> None:
    (e,) = events("On March 25, 2024, two Zircon missiles fired from occupied Crimea were shot down over Kyiv.",
                  date(2025, 2, 14))
    assert weapon(e, "cruise_missile")[1] == 2


def test_the_regions_a_region_borders_are_no_targets() -> None:
    (e,) = events(
        "Ukrainian drones attacked Russia's Voronezh region overnight, and 25 were destroyed. The Voronezh region, "
        "which borders Ukraine's Luhansk and Kharkiv regions, has come under frequent drone attack.",
        date(2025, 8, 19),
    )
    assert (e.attacker, e.regions) == ("UA", ["RU-VOR"])


def test_a_posts_correction_of_the_drone_count_keeps_its_class(tmp_path: Path) -> None:
    (e,) = _telegram(tmp_path, [
        ("2025-10-05T08:34:55", ("У ніч на 5 жовтня противник атакував 4 балістичними ракетами Іскандер-М та 119 "
                                 "ударними БпЛА типу Shahed, Гербера та дронами-імітаторами. Збито/подавлено 96 "
                                 "ворожих БпЛА.")),
        ("2025-10-05T10:02:31", ("Уточнення до ранкового повідомлення. За уточненими даними, противник запустив "
                                 "121 ударний БпЛА (а не 119, як повідомлялося раніше). Загалом збито/подавлено 98 "
                                 "дронів.")),
    ])
    assert [(w.cls, w.launched, w.destroyed) for w in e.weapons if w.cls.endswith("drone")] == [("drone", 121, 98)]


def test_a_channels_update_joins_the_attack_of_its_part_of_day(tmp_path: Path) -> None:
    found = _telegram(tmp_path, [
        ("2025-06-07T06:45:03", ("Итоги ночи\n\nВраг атаковал Харьков 18 ударными БпЛА «Шахед». Погибли 3 "
                                 "человека, ранены 21.")),
        ("2025-06-07T14:25:31", "❗️ Днем враг нанес удар КАБ по Харькову. По предварительным данным, ранены 5 человек."),
        ("2025-06-07T18:10:07", ("Обновление: число пострадавших в результате ночной атаки на город возросло до "
                                 "24. Погибших — 3.")),
        ("2025-06-07T21:00:44", ("По данным ОВА, за сутки в Харьковской области в результате вражеских обстрелов "
                                 "погибли 4 человека, пострадали 38.")),
    ])
    assert [(e.killed, e.injured) for e in found] == [(3, 24), (None, 5)]


def test_an_update_of_a_place_joins_the_attack_that_counted_it() -> None:
    found = events(
        "Уночі ворог атакував Одещину ударними БпЛА. Сили ППО знищили 17 із 23 шахедів. В Одесі у Пересипському "
        "районі травмовано двох людей.\n\nНагадаємо, у ніч на 24 липня ворог атакував порт Рені — тоді загинули дві "
        "людини.\n\nUPD 10:15: Кількість постраждалих у Пересипському районі зросла до п'яти.",
        date(2024, 7, 26),
    )
    assert [(e.date, e.killed, e.injured) for e in found] == [(date(2024, 7, 26), None, 5),
                                                             (date(2024, 7, 24), 2, None)]


def test_two_women_and_a_child_are_three() -> None:
    for text in ("Ukrainian drones attacked the Voronezh region overnight, injuring two women and a child.",
                 "In Sumy, after Russian drones struck overnight, a man was killed and two women and a child were "
                 "injured.",
                 "Уночі ворог атакував Одесу ударними БпЛА. Травмовано двох жінок і дитину — хлопчика 11 років."):
        (e,) = events(text, date(2025, 6, 14))
        assert e.injured == 3, text


def test_anti_ship_missiles_are_counted() -> None:
    (e,) = events("У ніч на 6 березня противник атакував:\n▪️ 2 протикорабельними керованими ракетами П-800 «Онікс» "
                  "з ТОТ АР Крим.", date(2026, 3, 6))
    assert weapon(e, "cruise_missile")[0] == 2


def test_a_zero_after_a_governor_speaks_is_the_governors_regions() -> None:
    (e,) = events(
        "Минобороны сообщило, что ПВО уничтожили 43 украинских беспилотника: 24 над Воронежской областью, 19 — над "
        "Ростовской.\n\nГубернатор Воронежской области сообщил, что ранены женщина и ребенок.\n\nВрио губернатора "
        "Ростовской области сообщил, что атака была отражена. Пострадавших нет, повреждена линия электропередачи.",
        date(2026, 3, 2),
    )
    assert [(p.region, p.injured) for p in e.casualties_by_place if p.region == "RU-ROS"] == [("RU-ROS", 0)]


def test_a_toll_officials_had_put_earlier_gives_way() -> None:
    (e,) = events(
        "Russian drones and missiles struck Kyiv on the night of 14 to 15 May. The death toll has risen to 14, "
        "city officials said on Monday. On Thursday, officials had put the toll at nine.",
        date(2025, 5, 19),
    )
    assert e.killed == 14


def test_another_countrys_victims_are_not_the_attacks() -> None:
    found = events(
        "Ukrainian drones attacked Russia's Voronezh region overnight; 25 were destroyed. In the Lipetsk region, home "
        "to an air base used by Su-34 bombers that carry out glide-bomb strikes on Ukraine, the governor said there "
        "were no casualties.",
        date(2025, 8, 19),
    )
    assert [e.attacker for e in found] == ["UA"]


def test_a_count_coordinated_with_the_dead_is_of_the_dead() -> None:
    (e,) = events(
        "Russia's missile and drone attack on Kyiv on the night of 14 to 15 May killed 14 people. Twelve of the dead "
        "were in the capital itself and two in the surrounding Kyiv region, where a house was destroyed.",
        date(2025, 5, 19),
    )
    assert sorted((p.region, p.killed) for p in e.casualties_by_place) == [("UA-30", 12), ("UA-32", 2)]
    assert all(w.destroyed is None for w in e.weapons)


def test_a_neighbours_radar_track_is_no_attack_on_it() -> None:
    found = events(
        "Russia attacked the Odesa region overnight with 30 drones; 25 were shot down. Romania's defence ministry "
        "says its radar tracked a drone near the Danube during the night but that no object entered Romanian "
        "airspace.",
        date(2024, 9, 2),
    )
    assert [e.target_country for e in found] == ["UA"]


def test_regions_named_as_where_missiles_came_from_are_no_target() -> None:
    (e,) = events(
        "У ніч на 14 травня противник атакував балістичними ракетами та керованими авіаційними ракетами:\n"
        "🔹 4 балістичні ракети Іскандер-М/KN-23 — з Курської та Воронезької областей рф;\n"
        "🔹 3 керовані авіаційні ракети Х-59/69 — з повітряного простору Бєлгородської області.",
        date(2025, 5, 14),
    )
    assert (e.attacker, e.target_country, e.regions) == ("RU", "UA", [])
    assert [(w.cls, w.launched) for w in e.weapons] == [("ballistic_missile", 4), ("guided_air_missile", 3)]


def test_shot_down_or_jammed_is_one_destroyed_count() -> None:
    (e,) = events("Russia launched 352 Shahed attack drones and decoys at Ukraine overnight. Air defences shot "
                  "down or jammed 339 of the drones, the air force said.", date(2025, 6, 17))
    assert weapon(e, "drone")[:2] == (352, 339)


def test_the_other_sides_statement_after_while_names_no_sides_of_the_first() -> None:
    found = events(
        "Russia pounded Kyiv with hundreds of drones overnight, killing at least four people in the capital, "
        "Ukrainian officials said, while Moscow said it had repelled a Ukrainian drone attack on several Russian "
        "regions.",
        date(2025, 6, 17),
    )
    assert [(e.attacker, e.killed, e.regions) for e in found if e.killed] == [("RU", 4, ["UA-30"])]


def test_a_total_over_the_one_region_is_no_part() -> None:
    (e,) = events("Уночі ворог атакував Київщину ударними БпЛА. UPD 09:20. Загалом за ніч над Київщиною знищено 29 "
                  "ударних дронів.", date(2025, 10, 22))
    assert weapon(e, "attack_drone")[1] == 29


def test_a_quoted_bulletins_list_names_its_regions() -> None:
    (e,) = events(
        '"В течение прошедшей ночи дежурными средствами ПВО перехвачены и уничтожены 64 украинских беспилотника:\n'
        "23 – над территорией Брянской области,\n41 – над территорией Курской области\", – говорится в сообщении.",
        date(2025, 8, 12),
    )
    assert e.regions == ["RU-BRY", "RU-KRS"]


def test_a_post_of_victims_only_joins_the_attack_before(tmp_path: Path) -> None:
    found = _telegram(tmp_path, [
        ("2026-02-11T07:34:05", ("Наслідки нічної атаки на Київ. У ніч на 11 лютого ворог атакував столицю ударними "
                                 "БпЛА. Станом на 07:30 відомо про 2 загиблих і 9 поранених.")),
        ("2026-02-11T12:48:27", ("Дарницький район. Рятувальники завершили розбір завалів. Станом на 12:45 "
                                 "унаслідок нічної атаки в столиці — 3 загиблі, 11 поранених.")),
    ])
    assert [(e.killed, e.injured) for e in found] == [(3, 11)]


def test_drones_that_left_towards_belarus_are_russias() -> None:
    found = events(
        "Russia attacked Ukraine overnight with 52 drones; 28 were shot down over the Kyiv and Zhytomyr regions. "
        "21 enemy imitator drones were lost locally; 2 more left Ukrainian airspace in the direction of Belarus.",
        date(2024, 12, 3),
    )
    assert [e.attacker for e in found] == ["RU"]


def test_russian_shaheds_and_decoys_are_one_count() -> None:
    (e,) = events("В ночь на 5 февраля Россия выпустила по Украине сто двадцать шесть ударных дронов типа «Шахед» и "
                  "дронов-имитаторов. ПВО обезвредила девяносто восемь дронов.", date(2026, 2, 5))
    assert weapon(e, "drone")[:2] == (126, 98)


def test_train_delays_name_no_target() -> None:
    (e,) = events(
        "В ночь на 5 февраля Россия атаковала Житомирскую область дронами, погибла одна женщина. Укрзализныця "
        "сообщила о задержке семи поездов, в том числе № 92 Киев — Перемышль.",
        date(2026, 2, 5),
    )
    assert e.regions == ["UA-18"]


def test_a_drone_that_did_not_cross_the_border_is_no_attack_there() -> None:
    found = events(
        "В ночь на 3 сентября Россия атаковала Одесскую область 30 дронами, 25 сбиты. Минобороны Румынии сообщило, "
        "что радары отслеживали дрон, но он не пересекал воздушное пространство страны.",
        date(2024, 9, 3),
    )
    assert [e.target_country for e in found] == ["UA"]

"""MINGLE1 answer codes made by the last kit that made them (before December 2026), kept as fixed samples:
the site makes only MINGLE2 now and the kit has no MINGLE1 encoder, but `mingle grade` still reads these."""

from __future__ import annotations

# name -> (the code as that kit made it, the learner, the exercise and the answers it holds)
SAMPLES = {
    'ada': (
        'MINGLE1.eyJuIjoiQWRhIExvdmVsYWNlIiwieCI6IndoeS1hcmUteW91LWhlcmUiLCJhIjp7ImZpcnN0LXF1ZXN0aW9uIjoi'
        'd2hvLXRvLXRhbGstd2l0aCIsImdvb2QtcmVhc29ucyI6WyJzdGF5LWluLXRvdWNoIiwiaGVhci1jdXN0b21lcnMiXSwidGhy'
        'ZWUtY3VzdG9tZXJzIjp0cnVlLCJyYXRlIjozLCJub3RlIjoiVHVlc2RheXMgYXQgOC4zMGFtIn19.f6156d46',
        'Ada Lovelace', 'why-are-you-here',
        {"first-question": "who-to-talk-with", "good-reasons": ["stay-in-touch", "hear-customers"],
         "three-customers": True, "rate": 3, "note": "Tuesdays at 8.30am"}),
    'zoe': (
        'MINGLE1.eyJuIjoiWm_DqyBCcm9udMOrIiwieCI6IndoaWNoLWd1ZXN0LWFyZS15b3UiLCJhIjp7ImFjdC1hbnN3ZXIiOjB9'
        'fQ.ed190499',
        'Zoë Brontë', 'which-guest-are-you', {"act-answer": 0}),
    'hanako': (
        'MINGLE1.eyJuIjoi5bGx55SwIOiKseWtkCIsIngiOiJ3aGljaC1ndWVzdC1hcmUteW91IiwiYSI6eyJhY3QtYW5zd2VyIjow'
        'fX0.3cbbb0a2',
        '山田 花子', 'which-guest-are-you', {"act-answer": 0}),
    'olafur': (
        'MINGLE1.eyJuIjoiw5NsYWZ1ciDDnsOzcnNzb24iLCJ4Ijoid2hpY2gtZ3Vlc3QtYXJlLXlvdSIsImEiOnsiYWN0LWFuc3dl'
        'ciI6MH19.457c745c',
        'Ólafur Þórsson', 'which-guest-are-you', {"act-answer": 0}),
    'anais': (
        'MINGLE1.eyJuIjoiQW5hw69zIPCfjLsiLCJ4Ijoid2hpY2gtZ3Vlc3QtYXJlLXlvdSIsImEiOnsiYWN0LWFuc3dlciI6MH19'
        '.789c6f39',
        'Anaïs 🌻', 'which-guest-are-you', {"act-answer": 0}),
    'obrien': (
        'MINGLE1.eyJuIjoiRHIuIE8nQnJpZW4tU21pdGgiLCJ4Ijoid2hpY2gtZ3Vlc3QtYXJlLXlvdSIsImEiOnsiYWN0LWFuc3dl'
        'ciI6MH19.8d895003',
        "Dr. O'Brien-Smith", 'which-guest-are-you', {"act-answer": 0}),
    'cafe': (
        'MINGLE1.eyJuIjoiQWRhIiwieCI6InJld3JpdGUtdGhlLXNob3V0IiwiYSI6eyJyZXdyaXRlIjoiQ2Fmw6kgb3BlbiDigJQg'
        'Y29tZSBpbiwgwqtib25qb3Vywrsg4piVXG5TZWNvbmQgbGluZSJ9fQ.855cab89',
        'Ada', 'rewrite-the-shout', {"rewrite": "Café open — come in, «bonjour» ☕\nSecond line"}),
    'padded': (
        'MINGLE1.eyJuIjoiICBBZGEgICIsIngiOiJ4IiwiYSI6e319.f156b66c',
        '  Ada  ', 'x', {}),
    'empty': (
        'MINGLE1.eyJuIjoiQWRhIiwieCI6IngiLCJhIjp7fX0.7ac10a37',
        'Ada', 'x', {}),
    'bea': (
        'MINGLE1.eyJuIjoiQmVhIiwieCI6IndoeS1hcmUteW91LWhlcmUiLCJhIjp7ImZpcnN0LXF1ZXN0aW9uIjoiZ28tdmlyYWwi'
        'fX0.26586bfa',
        'Bea', 'why-are-you-here', {"first-question": "go-viral"}),
    'bea-leeds': (
        'MINGLE1.eyJuIjoiQmVhLCBmcm9tIExlZWRzIiwieCI6Indoby1zaG91bGQtcG9zdCIsImEiOnsia2l0Y2hlbi1maXR0aW5n'
        'IjoiZG9lciJ9fQ.35dc6f7c',
        'Bea, from Leeds', 'who-should-post', {"kitchen-fitting": "doer"}),
    'bea-x': (
        'MINGLE1.eyJuIjoiQmVhIiwieCI6IngiLCJhIjp7fX0.e498cdd6',
        'Bea', 'x', {}),
    'coded-quiz': (
        'MINGLE1.eyJuIjoiQ29kZWQgTGVhcm5lciIsIngiOiJxdWl6IiwiYSI6eyJwaWNrIjoiYXNrIn19.9e4f8f1f',
        'Coded Learner', 'quiz', {"pick": "ask"}),
    'ada-quiz-shout': (
        'MINGLE1.eyJuIjoiQWRhIiwieCI6InF1aXoiLCJhIjp7InBpY2siOiJzaG91dCJ9fQ.f03656a8',
        'Ada', 'quiz', {"pick": "shout"}),
    'ada-profile': (
        'MINGLE1.eyJuIjoiQWRhIiwieCI6InByb2ZpbGUiLCJhIjp7ImpvaW5zIjo0fX0.5de0a7cd',
        'Ada', 'profile', {"joins": 4}),
    'ada-lower-quiz': (
        'MINGLE1.eyJuIjoiYWRhIiwieCI6InF1aXoiLCJhIjp7InBpY2siOiJhc2sifX0.0657e2a9',
        'ada', 'quiz', {"pick": "ask"}),
    'ada-single-choice': (
        'MINGLE1.eyJuIjoiQWRhIiwieCI6InNpbmdsZS1jaG9pY2UiLCJhIjp7Im9wZW5lciI6ImFzayJ9fQ.6ab49dd9',
        'Ada', 'single-choice', {"opener": "ask"}),
    'ada-quiz': (
        'MINGLE1.eyJuIjoiQWRhIiwieCI6InF1aXoiLCJhIjp7InBpY2siOiJhc2sifX0.fb7db503',
        'Ada', 'quiz', {"pick": "ask"}),
    'bo-profile': (
        'MINGLE1.eyJuIjoiQm8iLCJ4IjoicHJvZmlsZSIsImEiOnsiam9pbnMiOjN9fQ.143427a4',
        'Bo', 'profile', {"joins": 3}),
}


def code(name: str) -> str:
    """A sample code by its name."""
    return SAMPLES[name][0]

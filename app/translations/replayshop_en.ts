<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CatalogPage</name>
    <message numerus="yes">
        <location filename="../pages/catalog.py" line="102"/>
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n product</numerusform>
            <numerusform>%n products</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EventLogPage</name>
    <message numerus="yes">
        <location filename="../pages/event_log.py" line="195"/>
        <source>{0} event(s) shown</source>
        <translation>
            <numerusform>{0} event shown</numerusform>
            <numerusform>{0} events shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LagText</name>
    <message numerus="yes">
        <location filename="../shell/status_bar.py" line="31"/>
        <source>Read side {0} event(s) behind</source>
        <translation>
            <numerusform>Read side {0} event behind</numerusform>
            <numerusform>Read side {0} events behind</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProductDetail</name>
    <message numerus="yes">
        <location filename="../pages/product_detail.py" line="177"/>
        <source>%n review(s)</source>
        <translation>
            <numerusform>%n review</numerusform>
            <numerusform>%n reviews</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RatingHistogram</name>
    <message numerus="yes">
        <location filename="../widgets/charts.py" line="100"/>
        <source>%n star(s): {0}</source>
        <translation>
            <numerusform>%n star: {0}</numerusform>
            <numerusform>%n stars: {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReplayViewer</name>
    <message numerus="yes">
        <location filename="../../recorder/replay/viewer.py" line="288"/>
        <source>%n step(s) with domain events</source>
        <translation>
            <numerusform>%n step with domain events</numerusform>
            <numerusform>%n steps with domain events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../recorder/replay/viewer.py" line="290"/>
        <source>%n exception(s)</source>
        <translation>
            <numerusform>%n exception</numerusform>
            <numerusform>%n exceptions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message numerus="yes">
        <location filename="../dialogs/report.py" line="174"/>
        <source>Report saved to {0} ({1} UI event(s), {2} KB). Attach it to your bug report.</source>
        <translation>
            <numerusform>Report saved to {0} ({1} UI event, {2} KB). Attach it to your bug report.</numerusform>
            <numerusform>Report saved to {0} ({1} UI events, {2} KB). Attach it to your bug report.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewsPage</name>
    <message numerus="yes">
        <location filename="../pages/reviews.py" line="112"/>
        <source>{0} review(s) found</source>
        <translation>
            <numerusform>{0} review found</numerusform>
            <numerusform>{0} reviews found</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../pages/reviews.py" line="114"/>
        <source>The {0} newest review(s)</source>
        <translation>
            <numerusform>The newest review</numerusform>
            <numerusform>The {0} newest reviews</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Rollouts</name>
    <message numerus="yes">
        <location filename="../shell/rollout.py" line="46"/>
        <source>Read model {0} v{1} is now in use (built from {2} event(s) in {3} s).</source>
        <translation>
            <numerusform>Read model {0} v{1} is now in use (built from {2} event in {3} s).</numerusform>
            <numerusform>Read model {0} v{1} is now in use (built from {2} events in {3} s).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimeTravelBar</name>
    <message numerus="yes">
        <location filename="../pages/time_travel.py" line="136"/>
        <source>Now · {0} event(s)</source>
        <translation>
            <numerusform>Now · {0} event</numerusform>
            <numerusform>Now · {0} events</numerusform>
        </translation>
    </message>
</context>
</TS>

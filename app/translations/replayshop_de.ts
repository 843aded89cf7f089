<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>AccountDialog</name>
    <message>
        <location filename="../dialogs/account.py" line="67"/>
        <source>At least {0} characters that are not spaces.</source>
        <translation>Mindestens {0} Zeichen, die keine Leerzeichen sind.</translation>
    </message>
    <message>
        <location filename="../dialogs/account.py" line="74"/>
        <location filename="../dialogs/account.py" line="106"/>
        <location filename="../dialogs/account.py" line="108"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location filename="../dialogs/account.py" line="88"/>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location filename="../dialogs/account.py" line="89"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../dialogs/account.py" line="90"/>
        <source>Repeat password</source>
        <translation>Passwort wiederholen</translation>
    </message>
    <message>
        <location filename="../dialogs/account.py" line="104"/>
        <source>Create the first administrator</source>
        <translation>Ersten Administrator anlegen</translation>
    </message>
    <message>
        <location filename="../dialogs/account.py" line="106"/>
        <source>Create an account</source>
        <translation>Konto anlegen</translation>
    </message>
    <message>
        <location filename="../dialogs/account.py" line="107"/>
        <source>Replay Shop: {0}</source>
        <translation>Replay Shop: {0}</translation>
    </message>
    <message>
        <location filename="../dialogs/account.py" line="108"/>
        <source>Create account</source>
        <translation>Konto anlegen</translation>
    </message>
    <message>
        <location filename="../dialogs/account.py" line="113"/>
        <source>I already have an account</source>
        <translation>Ich habe schon ein Konto</translation>
    </message>
    <message>
        <location filename="../dialogs/account.py" line="115"/>
        <source>New here? Create an account</source>
        <translation>Neu hier? Konto anlegen</translation>
    </message>
    <message>
        <location filename="../dialogs/account.py" line="124"/>
        <source>The two passwords differ; type the same password twice.</source>
        <translation>Die beiden Passwörter unterscheiden sich; geben Sie zweimal dasselbe Passwort ein.</translation>
    </message>
    <message>
        <location filename="../dialogs/account.py" line="133"/>
        <source>Creating the account…</source>
        <translation>Das Konto wird angelegt…</translation>
    </message>
    <message>
        <location filename="../dialogs/account.py" line="133"/>
        <source>Checking the password…</source>
        <translation>Das Passwort wird geprüft…</translation>
    </message>
</context>
<context>
    <name>Action</name>
    <message>
        <location filename="../../domain/model/handlers.py" line="49"/>
        <source>change your password</source>
        <translation>Ihr Passwort ändern</translation>
    </message>
    <message>
        <location filename="../../domain/model/handlers.py" line="61"/>
        <source>add products</source>
        <translation>Produkte anlegen</translation>
    </message>
    <message>
        <location filename="../../domain/model/handlers.py" line="68"/>
        <source>change prices</source>
        <translation>Preise ändern</translation>
    </message>
    <message>
        <location filename="../../domain/model/handlers.py" line="73"/>
        <source>retire products</source>
        <translation>Produkte auslisten</translation>
    </message>
    <message>
        <location filename="../../domain/model/handlers.py" line="78"/>
        <source>write a review</source>
        <translation>eine Rezension schreiben</translation>
    </message>
    <message>
        <location filename="../../domain/model/handlers.py" line="90"/>
        <source>edit a review</source>
        <translation>eine Rezension bearbeiten</translation>
    </message>
    <message>
        <location filename="../../domain/model/handlers.py" line="95"/>
        <source>delete a review</source>
        <translation>eine Rezension löschen</translation>
    </message>
    <message>
        <location filename="../../domain/model/handlers.py" line="100"/>
        <source>hide reviews</source>
        <translation>Rezensionen ausblenden</translation>
    </message>
    <message>
        <location filename="../../domain/model/handlers.py" line="105"/>
        <source>show hidden reviews again</source>
        <translation>ausgeblendete Rezensionen wieder zeigen</translation>
    </message>
    <message>
        <location filename="../../domain/model/handlers.py" line="110"/>
        <source>fill a cart</source>
        <translation>einen Warenkorb füllen</translation>
    </message>
    <message>
        <location filename="../../domain/model/handlers.py" line="117"/>
        <location filename="../../domain/model/handlers.py" line="122"/>
        <source>change a cart</source>
        <translation>einen Warenkorb ändern</translation>
    </message>
    <message>
        <location filename="../../domain/model/handlers.py" line="127"/>
        <source>check out</source>
        <translation>bezahlen</translation>
    </message>
    <message>
        <location filename="../../domain/model/handlers.py" line="141"/>
        <source>deposit funds</source>
        <translation>Guthaben einzahlen</translation>
    </message>
    <message>
        <location filename="../../domain/model/handlers.py" line="148"/>
        <source>correct wallet transactions</source>
        <translation>Buchungen berichtigen</translation>
    </message>
    <message>
        <location filename="../../domain/model/review.py" line="108"/>
        <source>hide a review</source>
        <translation>eine Rezension ausblenden</translation>
    </message>
    <message>
        <location filename="../../domain/model/review.py" line="117"/>
        <source>show a review again</source>
        <translation>eine Rezension wieder zeigen</translation>
    </message>
    <message>
        <location filename="../../domain/model/wallet.py" line="81"/>
        <source>correct a transaction</source>
        <translation>eine Buchung berichtigen</translation>
    </message>
</context>
<context>
    <name>AnalyticsPage</name>
    <message>
        <location filename="../pages/analytics.py" line="30"/>
        <source>Units removed from carts, by product</source>
        <translation>Aus Warenkörben entfernte Stück, nach Produkt</translation>
    </message>
    <message>
        <location filename="../pages/analytics.py" line="31"/>
        <source>Nobody has removed anything from a cart yet.</source>
        <translation>Noch niemand hat etwas aus einem Warenkorb entfernt.</translation>
    </message>
    <message>
        <location filename="../pages/analytics.py" line="34"/>
        <source>Removals, as a chart</source>
        <translation>Entnahmen als Diagramm</translation>
    </message>
    <message>
        <location filename="../pages/analytics.py" line="40"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../pages/analytics.py" line="41"/>
        <source>Lines removed</source>
        <translation>Entfernte Posten</translation>
    </message>
    <message>
        <location filename="../pages/analytics.py" line="42"/>
        <source>Units removed</source>
        <translation>Entfernte Stück</translation>
    </message>
    <message>
        <location filename="../pages/analytics.py" line="43"/>
        <source>Last removal</source>
        <translation>Zuletzt entfernt</translation>
    </message>
    <message>
        <location filename="../pages/analytics.py" line="45"/>
        <source>Removals by product</source>
        <translation>Entfernungen nach Produkt</translation>
    </message>
    <message>
        <location filename="../pages/analytics.py" line="52"/>
        <source>Items removed from carts before checkout</source>
        <translation>Vor dem Bezahlen aus Warenkörben entfernt</translation>
    </message>
    <message>
        <location filename="../pages/analytics.py" line="57"/>
        <source>Units taken out of carts (whole lines and lowered quantities), per product, counted over the shop&apos;s entire history.</source>
        <translation>Aus Warenkörben genommene Stück (ganze Posten und verringerte Mengen) je Produkt, über die gesamte Geschichte des Shops gezählt.</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../widgets/charts.py" line="24"/>
        <source>Nothing to show yet.</source>
        <translation>Noch nichts anzuzeigen.</translation>
    </message>
    <message>
        <location filename="../widgets/charts.py" line="97"/>
        <source>No ratings yet.</source>
        <translation>Noch keine Bewertungen.</translation>
    </message>
    <message>
        <location filename="../widgets/charts.py" line="98"/>
        <source>Ratings</source>
        <translation>Bewertungen</translation>
    </message>
</context>
<context>
    <name>CartPage</name>
    <message>
        <location filename="../pages/cart.py" line="38"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../pages/cart.py" line="38"/>
        <source>Unit price</source>
        <translation>Stückpreis</translation>
    </message>
    <message>
        <location filename="../pages/cart.py" line="38"/>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <location filename="../pages/cart.py" line="38"/>
        <source>Line total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <location filename="../pages/cart.py" line="39"/>
        <source>Cart lines</source>
        <translation>Posten im Warenkorb</translation>
    </message>
    <message>
        <location filename="../pages/cart.py" line="44"/>
        <source>Quantity of the selected line</source>
        <translation>Menge des gewählten Postens</translation>
    </message>
    <message>
        <location filename="../pages/cart.py" line="45"/>
        <source>Set quantity</source>
        <translation>Menge ändern</translation>
    </message>
    <message>
        <location filename="../pages/cart.py" line="47"/>
        <source>Remove line</source>
        <translation>Posten entfernen</translation>
    </message>
    <message>
        <location filename="../pages/cart.py" line="50"/>
        <source>Check out</source>
        <translation>Bezahlen</translation>
    </message>
    <message>
        <location filename="../pages/cart.py" line="58"/>
        <source>Selected line:</source>
        <translation>Gewählter Posten:</translation>
    </message>
    <message>
        <location filename="../pages/cart.py" line="68"/>
        <source>Your cart</source>
        <translation>Ihr Warenkorb</translation>
    </message>
    <message>
        <location filename="../pages/cart.py" line="95"/>
        <source>Sign in to shop.</source>
        <translation>Melden Sie sich an, um einzukaufen.</translation>
    </message>
    <message>
        <location filename="../pages/cart.py" line="97"/>
        <source>Your cart is empty. Add products from the catalog.</source>
        <translation>Ihr Warenkorb ist leer. Legen Sie Produkte aus dem Katalog hinein.</translation>
    </message>
    <message>
        <location filename="../pages/cart.py" line="99"/>
        <source>Total: {0}</source>
        <translation>Gesamt: {0}</translation>
    </message>
    <message>
        <location filename="../pages/cart.py" line="127"/>
        <source>Removed from your cart.</source>
        <translation>Aus Ihrem Warenkorb entfernt.</translation>
    </message>
    <message>
        <location filename="../pages/cart.py" line="140"/>
        <source>Order placed: {0}. Paid {1} from your wallet.</source>
        <translation>Bestellt: {0}. {1} aus Ihrem Guthaben bezahlt.</translation>
    </message>
</context>
<context>
    <name>CatalogPage</name>
    <message>
        <location filename="../pages/catalog.py" line="51"/>
        <source>Search products</source>
        <translation>Produkte suchen</translation>
    </message>
    <message>
        <location filename="../pages/catalog.py" line="52"/>
        <source>Search products by name…</source>
        <translation>Produkte nach Namen suchen…</translation>
    </message>
    <message>
        <location filename="../pages/catalog.py" line="57"/>
        <source>Sort products</source>
        <translation>Produkte sortieren</translation>
    </message>
    <message>
        <location filename="../pages/catalog.py" line="59"/>
        <source>Sort: {0}</source>
        <translation>Sortierung: {0}</translation>
    </message>
    <message>
        <location filename="../pages/catalog.py" line="62"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../pages/catalog.py" line="62"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location filename="../pages/catalog.py" line="62"/>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location filename="../pages/catalog.py" line="62"/>
        <source>Reviews</source>
        <translation>Rezensionen</translation>
    </message>
    <message>
        <location filename="../pages/catalog.py" line="63"/>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message numerus="yes">
        <location filename="../pages/catalog.py" line="103"/>
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n Produkt</numerusform>
            <numerusform>%n Produkte</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../pages/catalog.py" line="106"/>
        <source>No product matches “{0}”. Try a shorter or other word.</source>
        <translation>Kein Produkt passt zu „{0}“. Versuchen Sie ein kürzeres oder anderes Wort.</translation>
    </message>
    <message>
        <location filename="../pages/catalog.py" line="109"/>
        <source>No products yet: an administrator adds them.</source>
        <translation>Noch keine Produkte: Ein Administrator legt sie an.</translation>
    </message>
</context>
<context>
    <name>CorrectionDialog</name>
    <message>
        <location filename="../pages/wallet.py" line="118"/>
        <source>Correct a transaction</source>
        <translation>Buchung berichtigen</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="124"/>
        <source>Why was it wrong?</source>
        <translation>Warum war sie falsch?</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="135"/>
        <source>Wallet of {0}: {1}</source>
        <translation>Guthaben von {0}: {1}</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="139"/>
        <source>It will be reversed, then recorded again with the right amount. Nothing is edited.</source>
        <translation>Sie wird storniert und dann mit dem richtigen Betrag neu gebucht. Nichts wird überschrieben.</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="143"/>
        <source>Correct amount</source>
        <translation>Richtiger Betrag</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="144"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="155"/>
        <source>&quot;{0}&quot; is not an amount: enter {1} to {2}.</source>
        <translation>„{0}“ ist kein Betrag: geben Sie {1} bis {2} ein.</translation>
    </message>
</context>
<context>
    <name>DomainError</name>
    <message>
        <location filename="../../domain/model/errors.py" line="30"/>
        <source>You must sign in to {action}.</source>
        <translation>Dafür müssen Sie angemeldet sein: {action}.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="37"/>
        <source>Only an administrator can {action}; you are signed in as a shopper.</source>
        <translation>Nur ein Administrator kann {action}; Sie sind als Kunde angemeldet.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="47"/>
        <source>Username {username!r} is not accepted: use 3 to 32 letters, digits, &apos;.&apos;, &apos;-&apos; or &apos;_&apos;.</source>
        <translation>Der Benutzername {username!r} ist nicht zulässig: Verwenden Sie 3 bis 32 Buchstaben, Ziffern, &apos;.&apos;, &apos;-&apos; oder &apos;_&apos;.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="59"/>
        <source>The username {username!r} is taken (names ignore case); please choose another.</source>
        <translation>Der Benutzername {username!r} ist vergeben (Groß- und Kleinschreibung zählt nicht); bitte wählen Sie einen anderen.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="71"/>
        <source>The password is too short: it needs at least {minimum} characters that are not spaces.</source>
        <translation>Das Passwort ist zu kurz: Es braucht mindestens {minimum} Zeichen, die keine Leerzeichen sind.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="84"/>
        <source>There is no account named {username!r}. Check the name or sign up.</source>
        <translation>Es gibt kein Konto namens {username!r}. Prüfen Sie den Namen oder legen Sie ein Konto an.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="94"/>
        <source>Wrong password for {username!r}. Passwords are case-sensitive.</source>
        <translation>Falsches Passwort für {username!r}. Bei Passwörtern zählt Groß- und Kleinschreibung.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="104"/>
        <source>Product name {name!r} is not accepted: use 1 to 80 characters.</source>
        <translation>Der Produktname {name!r} ist nicht zulässig: Verwenden Sie 1 bis 80 Zeichen.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="114"/>
        <source>The description has {length:,} characters; at most 2,000 are accepted.</source>
        <translation>Die Beschreibung hat {length:,} Zeichen; höchstens 2.000 sind zulässig.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="125"/>
        <source>Price {cents!r} is not accepted: give whole cents from 1 to 1,000,000 (0.01 to 10,000.00).</source>
        <translation>Der Preis {cents!r} ist nicht zulässig: Geben Sie ganze Cent von 1 bis 1.000.000 an (0,01 bis 10.000,00).</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="137"/>
        <source>There is no product with id {product_id!r}.</source>
        <translation>Es gibt kein Produkt mit der ID {product_id!r}.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="145"/>
        <source>{name!r} has been retired and can no longer be bought.</source>
        <translation>{name!r} wurde ausgelistet und kann nicht mehr gekauft werden.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="155"/>
        <source>A rating must be a whole number from 1 to 5; got {rating!r}.</source>
        <translation>Eine Bewertung muss eine ganze Zahl von 1 bis 5 sein; erhalten: {rating!r}.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="165"/>
        <source>The review text is empty; write 1 to {maximum:,} characters.</source>
        <translation>Der Text der Rezension ist leer; schreiben Sie 1 bis {maximum:,} Zeichen.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="169"/>
        <source>The review text has {length:,} characters; write 1 to {maximum:,} characters.</source>
        <translation>Der Text der Rezension hat {length:,} Zeichen; schreiben Sie 1 bis {maximum:,} Zeichen.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="179"/>
        <source>The note has {length:,} characters; at most {maximum:,} are accepted (it is kept in the log for good).</source>
        <translation>Die Notiz hat {length:,} Zeichen; höchstens {maximum:,} sind zulässig (sie bleibt für immer im Protokoll).</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="192"/>
        <source>The search has {length:,} characters; search with at most {maximum} characters.</source>
        <translation>Die Suche hat {length:,} Zeichen; suchen Sie mit höchstens {maximum} Zeichen.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="204"/>
        <source>{given!r} is not a date; use a day such as 2026-11-02, or a time with its zone such as 2026-11-02T14:30+01:00.</source>
        <translation>{given!r} ist kein Datum; verwenden Sie einen Tag wie 2026-11-02 oder eine Uhrzeit mit Zeitzone wie 2026-11-02T14:30+01:00.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="216"/>
        <source>&apos;Until&apos; ({until}) comes before &apos;since&apos; ({since}); swap them.</source>
        <translation>„Bis“ ({until}) liegt vor „Ab“ ({since}); tauschen Sie die beiden.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="227"/>
        <source>A moderator hid your review of this product, so a new one cannot be posted for it. You can still see and delete the hidden one.</source>
        <translation>Ein Moderator hat Ihre Rezension dieses Produkts ausgeblendet, daher kann keine neue veröffentlicht werden. Die ausgeblendete können Sie weiterhin sehen und löschen.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="238"/>
        <source>This shop has an administrator already; administrators are created only by the first-run setup. Sign up as a shopper instead.</source>
        <translation>Dieser Shop hat bereits einen Administrator; Administratoren entstehen nur bei der Ersteinrichtung. Legen Sie stattdessen ein Kundenkonto an.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="249"/>
        <source>You already reviewed this product. Edit or delete that review instead.</source>
        <translation>Sie haben dieses Produkt bereits rezensiert. Bearbeiten oder löschen Sie stattdessen diese Rezension.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="259"/>
        <source>There is no live review with id {review_id!r}.</source>
        <translation>Es gibt keine sichtbare Rezension mit der ID {review_id!r}.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="267"/>
        <source>Only its author can edit or delete this review; it is someone else&apos;s.</source>
        <translation>Nur ihr Autor kann diese Rezension bearbeiten oder löschen; sie gehört jemand anderem.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="276"/>
        <source>This review is already hidden.</source>
        <translation>Diese Rezension ist bereits ausgeblendet.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="282"/>
        <source>This review is not hidden: only a hidden review can be shown again.</source>
        <translation>Diese Rezension ist nicht ausgeblendet: Nur eine ausgeblendete Rezension kann wieder gezeigt werden.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="291"/>
        <source>Give a reason (1 to 500 characters) to {action}.</source>
        <translation>Geben Sie einen Grund an (1 bis 500 Zeichen), um dies zu tun: {action}.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="299"/>
        <source>Quantity must be a whole number from 1 to 99; got {quantity!r}.</source>
        <translation>Die Menge muss eine ganze Zahl von 1 bis 99 sein; erhalten: {quantity!r}.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="309"/>
        <source>Product {product_id!r} is not in the cart.</source>
        <translation>Das Produkt {product_id!r} ist nicht im Warenkorb.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="317"/>
        <source>The cart is empty; add at least one item before checking out.</source>
        <translation>Der Warenkorb ist leer; legen Sie vor dem Bezahlen mindestens einen Artikel hinein.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="326"/>
        <source>Amount {cents!r} is not accepted: give whole cents from 1 to 1,000,000 (0.01 to 10,000.00).</source>
        <translation>Der Betrag {cents!r} ist nicht zulässig: Geben Sie ganze Cent von 1 bis 1.000.000 an (0,01 bis 10.000,00).</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="338"/>
        <source>Insufficient funds: this needs {needed:,.2f} but the wallet holds {balance:,.2f}. Deposit at least {missing:,.2f} more.</source>
        <translation>Guthaben reicht nicht: Nötig sind {needed:,.2f}, das Guthaben beträgt {balance:,.2f}. Zahlen Sie mindestens {missing:,.2f} mehr ein.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="352"/>
        <source>There is no correctable transaction with id {tx_id!r} in this wallet.</source>
        <translation>In diesem Guthaben gibt es keine berichtigbare Buchung mit der ID {tx_id!r}.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="363"/>
        <source>Transaction {tx_id!r} was corrected already: a transaction is reversed once. Correct the transaction that replaced it instead.</source>
        <translation>Die Buchung {tx_id!r} wurde bereits berichtigt: Eine Buchung wird nur einmal storniert. Berichtigen Sie stattdessen die Buchung, die sie ersetzt hat.</translation>
    </message>
    <message>
        <location filename="../../domain/model/errors.py" line="375"/>
        <source>{stream_id} was changed by someone else after it was read (expected version {expected}). Nothing was saved; please try again.</source>
        <translation>{stream_id} wurde von jemand anderem geändert, nachdem es gelesen wurde (erwartete Version {expected}). Nichts wurde gespeichert; bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../../domain/model/command_input.py" line="33"/>
        <source>The {field} of {command} {problem}: {accepted}.</source>
        <translation>Eingabe „{field}“ von {command} {problem}: {accepted}.</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../shell/error_reporter.py" line="130"/>
        <source>(happened {0} times)</source>
        <translation>({0}-mal aufgetreten)</translation>
    </message>
    <message>
        <location filename="../shell/error_reporter.py" line="138"/>
        <source>Replay Shop: unexpected error</source>
        <translation>Replay Shop: unerwarteter Fehler</translation>
    </message>
    <message>
        <location filename="../shell/error_reporter.py" line="142"/>
        <source>Something went wrong. Each change to the shop is stored whole or not at all; check whether your last action took effect.</source>
        <translation>Etwas ist schiefgegangen. Jede Änderung am Shop wird ganz oder gar nicht gespeichert; prüfen Sie, ob Ihre letzte Aktion wirksam wurde.</translation>
    </message>
    <message>
        <location filename="../shell/error_reporter.py" line="152"/>
        <source>Save a bug report…</source>
        <translation>Fehlerbericht speichern…</translation>
    </message>
</context>
<context>
    <name>EventLogPage</name>
    <message>
        <location filename="../pages/event_log.py" line="42"/>
        <source>Event #{0}: {1}</source>
        <translation>Ereignis Nr. {0}: {1}</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="43"/>
        <source>Stream: {0}, version {1}</source>
        <translation>Strom: {0}, Version {1}</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="46"/>
        <source>Recorded: {0} ({1} UTC)</source>
        <translation>Gespeichert: {0} ({1} UTC)</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="84"/>
        <source>Stream contains, e.g. cart- or an account id</source>
        <translation>Strom enthält, z. B. cart- oder eine Konto-ID</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="86"/>
        <source>Stream filter</source>
        <translation>Stromfilter</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="89"/>
        <source>Event type filter</source>
        <translation>Ereignistypfilter</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="90"/>
        <source>All event types</source>
        <translation>Alle Ereignistypen</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="95"/>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="96"/>
        <source>Newest first</source>
        <translation>Neueste zuerst</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="97"/>
        <source>Oldest first</source>
        <translation>Älteste zuerst</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="104"/>
        <source>Recorded</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="105"/>
        <source>Stream</source>
        <translation>Strom</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="106"/>
        <source>Ver</source>
        <translation>Vers.</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="107"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="108"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="116"/>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="122"/>
        <source>The selected event in full</source>
        <translation>Das gewählte Ereignis vollständig</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="123"/>
        <source>Select an event to see all of it.</source>
        <translation>Wählen Sie ein Ereignis, um es vollständig zu sehen.</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="124"/>
        <source>Travel to this event</source>
        <translation>Zu diesem Ereignis reisen</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="127"/>
        <source>Show the whole shop as it was right after the selected event</source>
        <translation>Den ganzen Shop so zeigen, wie er direkt nach dem gewählten Ereignis war</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="129"/>
        <source>Load {0} more</source>
        <translation>{0} weitere laden</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="157"/>
        <source>Event log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="192"/>
        <source>No event matches these filters.</source>
        <translation>Kein Ereignis passt zu diesen Filtern.</translation>
    </message>
    <message numerus="yes">
        <location filename="../pages/event_log.py" line="195"/>
        <source>{0} event(s) shown</source>
        <translation>
            <numerusform>{0} Ereignis angezeigt</numerusform>
            <numerusform>{0} Ereignisse angezeigt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Feedback</name>
    <message>
        <location filename="../widgets/messages.py" line="67"/>
        <source>The screen now shows the latest.</source>
        <translation>Die Anzeige zeigt jetzt den neuesten Stand.</translation>
    </message>
</context>
<context>
    <name>InnerParts</name>
    <message>
        <location filename="../widgets/inner_parts.py" line="24"/>
        <source>Clear {0}</source>
        <translation>{0} leeren</translation>
    </message>
    <message>
        <location filename="../widgets/inner_parts.py" line="30"/>
        <source>Choices for {0}</source>
        <translation>Auswahl für {0}</translation>
    </message>
    <message>
        <location filename="../widgets/inner_parts.py" line="35"/>
        <source>Scroll {0}</source>
        <translation>Bildlauf für {0}</translation>
    </message>
    <message>
        <location filename="../widgets/inner_parts.py" line="38"/>
        <source>Scroll {0} sideways</source>
        <translation>Bildlauf für {0}, seitlich</translation>
    </message>
</context>
<context>
    <name>LagText</name>
    <message numerus="yes">
        <location filename="../shell/status_bar.py" line="31"/>
        <source>Read side {0} event(s) behind</source>
        <translation>
            <numerusform>Leseseite {0} Ereignis zurück</numerusform>
            <numerusform>Leseseite {0} Ereignisse zurück</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../shell/main_window.py" line="68"/>
        <source>Replay Shop</source>
        <translation>Replay Shop</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="86"/>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="89"/>
        <source>The shop&apos;s pages; Ctrl+1 to Ctrl+8 show the page in that place, Ctrl+9 the last</source>
        <translation>Die Seiten des Shops; Strg+1 bis Strg+8 zeigen die Seite an dieser Stelle, Strg+9 die letzte</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="47"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="51"/>
        <source>&amp;Open recording…</source>
        <translation>Aufzeichnung ö&amp;ffnen…</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="53"/>
        <source>Open a saved session in the replay viewer (it never touches this shop)</source>
        <translation>Eine gespeicherte Sitzung im Wiedergabe-Betrachter öffnen (er verändert diesen Shop nie)</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="60"/>
        <source>&amp;Report a problem…</source>
        <translation>Problem &amp;melden…</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="62"/>
        <source>Save this session, with a note, as one file to attach to a bug report</source>
        <translation>Diese Sitzung mit einer Notiz als eine Datei speichern, um sie einem Fehlerbericht beizufügen</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="69"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="71"/>
        <source>Quit Replay Shop</source>
        <translation>Replay Shop beenden</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="80"/>
        <source>&amp;Account</source>
        <translation>&amp;Konto</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="84"/>
        <source>Sign &amp;in…</source>
        <translation>&amp;Anmelden…</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="86"/>
        <source>Sign in to shop or administer</source>
        <translation>Anmelden, um einzukaufen oder zu verwalten</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="91"/>
        <source>&amp;Create account…</source>
        <translation>Konto an&amp;legen…</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="93"/>
        <source>Create a shopper&apos;s account</source>
        <translation>Ein Kundenkonto anlegen</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="98"/>
        <source>Sign &amp;out</source>
        <translation>Ab&amp;melden</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="100"/>
        <source>Sign out of this shop</source>
        <translation>Von diesem Shop abmelden</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="104"/>
        <source>Change &amp;password…</source>
        <translation>&amp;Passwort ändern…</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="106"/>
        <source>Change the password of the signed-in account</source>
        <translation>Das Passwort des angemeldeten Kontos ändern</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="112"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="224"/>
        <source>Show the page “{0}”</source>
        <translation>Die Seite „{0}“ zeigen</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="118"/>
        <source>Back to &amp;now</source>
        <translation>Zurück zum &amp;Jetzt</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="120"/>
        <source>Leave the past and show the shop as it is now</source>
        <translation>Die Vergangenheit verlassen und den Shop zeigen, wie er jetzt ist</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="124"/>
        <source>&amp;Record this session</source>
        <translation>Diese Sitzung &amp;aufzeichnen</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="126"/>
        <source>Keep what you do in this session, for a bug report (never your passwords)</source>
        <translation>Festhalten, was Sie in dieser Sitzung tun, für einen Fehlerbericht (nie Ihre Passwörter)</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="228"/>
        <source>&amp;Colours</source>
        <translation>&amp;Farben</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="151"/>
        <source>As the &amp;system</source>
        <translation>Wie das &amp;System</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="152"/>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="153"/>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="155"/>
        <source>Colours of the whole app; kept for the next start</source>
        <translation>Farben der ganzen App; bleiben für den nächsten Start</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="136"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="141"/>
        <source>&amp;About Replay Shop</source>
        <translation>&amp;Über Replay Shop</translation>
    </message>
    <message>
        <location filename="../shell/menus.py" line="143"/>
        <source>The version, the event log&apos;s head and the read models in use</source>
        <translation>Die Version, der Kopf des Ereignisprotokolls und die benutzten Lesemodelle</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="77"/>
        <source>Read side stopped at event {0}: {1}</source>
        <translation>Leseseite bei Ereignis {0} angehalten: {1}</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="87"/>
        <source>Screens show the shop as of the last event the read models have applied. Your own changes are always shown; other windows&apos; may take a moment.</source>
        <translation>Die Anzeigen zeigen den Shop zum letzten Ereignis, das die Lesemodelle verarbeitet haben. Ihre eigenen Änderungen sehen Sie immer; die anderer Fenster können einen Moment dauern.</translation>
    </message>
    <message>
        <location filename="../dialogs/demo_info.py" line="19"/>
        <source>Demo shop loaded</source>
        <translation>Demo-Shop geladen</translation>
    </message>
    <message>
        <location filename="../dialogs/demo_info.py" line="20"/>
        <source>The demo shop is ready.</source>
        <translation>Der Demo-Shop ist bereit.</translation>
    </message>
    <message>
        <location filename="../dialogs/demo_info.py" line="28"/>
        <source>Administrator: admin / {0}
Shoppers: ann, bob, carla, … with the password shopper-pass.
Write the admin password down: it is shown only now.</source>
        <translation>Administrator: admin / {0}
Kunden: ann, bob, carla, … mit dem Passwort shopper-pass.
Notieren Sie das Administrator-Passwort: Es wird nur jetzt gezeigt.</translation>
    </message>
    <message>
        <location filename="../shell/main_window.py" line="254"/>
        <source>Your password was changed.</source>
        <translation>Ihr Passwort wurde geändert.</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="98"/>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="101"/>
        <source>Signed in as {0} (administrator)</source>
        <translation>Angemeldet als {0} (Administrator)</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="105"/>
        <source>Signed in as {0}</source>
        <translation>Angemeldet als {0}</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="108"/>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="108"/>
        <source>Sign in…</source>
        <translation>Anmelden…</translation>
    </message>
    <message>
        <location filename="../shell/past_banner.py" line="19"/>
        <source>You are looking at the shop as it was on {0}. This is the past: read-only. Use &quot;Back to now&quot; to return.</source>
        <translation>Sie sehen den Shop, wie er am {0} war. Das ist die Vergangenheit: nur lesbar. „Zurück zum Jetzt“ bringt Sie zurück.</translation>
    </message>
    <message>
        <location filename="../shell/past_banner.py" line="31"/>
        <source>Live: the shop as it is now. Drag the slider to look back.</source>
        <translation>Live: der Shop, wie er jetzt ist. Ziehen Sie den Regler, um zurückzublicken.</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="113"/>
        <source>● REC</source>
        <translation>● AUFN</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="113"/>
        <source>Not recording</source>
        <translation>Keine Aufzeichnung</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="118"/>
        <source>This session is being recorded (never your passwords); Help → Report a problem saves it for a bug report.</source>
        <translation>Diese Sitzung wird aufgezeichnet (nie Ihre Passwörter); Hilfe → Problem melden speichert sie für einen Fehlerbericht.</translation>
    </message>
    <message>
        <location filename="../shell/status_bar.py" line="124"/>
        <source>Recording is off (View → Record)</source>
        <translation>Aufzeichnung ist aus (Ansicht → Aufzeichnen)</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="25"/>
        <source>About Replay Shop</source>
        <translation>Über Replay Shop</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="26"/>
        <source>Replay Shop {0}</source>
        <translation>Replay Shop {0}</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="31"/>
        <source>An event-sourced shop: nothing is ever lost, and every session can be replayed.</source>
        <translation>Ein ereignisbasierter Shop: Nichts geht je verloren, und jede Sitzung lässt sich wiedergeben.</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="37"/>
        <source>{0}

Event log head: {1}
(keep it: `replayshop verify --expect-head` shows later that this history was not cut or rewritten)

Read models in use:
{2}</source>
        <translation>{0}

Kopf des Ereignisprotokolls: {1}
(bewahren Sie ihn auf: `replayshop verify --expect-head` zeigt später, dass diese Geschichte weder gekürzt noch umgeschrieben wurde)

Benutzte Lesemodelle:
{2}</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="47"/>
        <source>{0}

Event log head: (this store&apos;s)</source>
        <translation>{0}

Kopf des Ereignisprotokolls: (der dieses Speichers)</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="57"/>
        <source>built {0}</source>
        <translation>erstellt {0}</translation>
    </message>
    <message>
        <location filename="../dialogs/about.py" line="59"/>
        <source>built before this was noted</source>
        <translation>erstellt, bevor dies festgehalten wurde</translation>
    </message>
</context>
<context>
    <name>Moderation</name>
    <message>
        <location filename="../pages/moderation.py" line="34"/>
        <source>posted</source>
        <translation>veröffentlicht</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="35"/>
        <source>edited</source>
        <translation>bearbeitet</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="36"/>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="37"/>
        <source>hidden</source>
        <translation>ausgeblendet</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="38"/>
        <source>unhidden</source>
        <translation>wieder gezeigt</translation>
    </message>
</context>
<context>
    <name>ModerationPage</name>
    <message>
        <location filename="../pages/moderation.py" line="76"/>
        <source>All reviews</source>
        <translation>Alle Rezensionen</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="77"/>
        <source>Live (posted)</source>
        <translation>Sichtbar (veröffentlicht)</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="78"/>
        <source>Edited</source>
        <translation>Bearbeitet</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="79"/>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="80"/>
        <source>Hidden</source>
        <translation>Ausgeblendet</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="85"/>
        <source>Search text, author or product…</source>
        <translation>Text, Autor oder Produkt suchen…</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="87"/>
        <source>Search reviews</source>
        <translation>Rezensionen suchen</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="88"/>
        <source>Review status filter</source>
        <translation>Filter nach Status</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="94"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="95"/>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="96"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="97"/>
        <location filename="../pages/moderation.py" line="112"/>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="98"/>
        <location filename="../pages/moderation.py" line="113"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="99"/>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="100"/>
        <source>Last change</source>
        <translation>Letzte Änderung</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="103"/>
        <source>Every review</source>
        <translation>Alle Rezensionen</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="109"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="110"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="111"/>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="114"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="117"/>
        <source>Versions of the selected review</source>
        <translation>Versionen der gewählten Rezension</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="123"/>
        <source>Reason for the moderation</source>
        <translation>Grund der Moderation</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="227"/>
        <source>Review shown again.</source>
        <translation>Rezension wird wieder gezeigt.</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="124"/>
        <location filename="../pages/moderation.py" line="195"/>
        <source>Reason for hiding (required)</source>
        <translation>Grund für das Ausblenden (Pflicht)</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="125"/>
        <source>Hide review</source>
        <translation>Rezension ausblenden</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="129"/>
        <source>Show again</source>
        <translation>Wieder zeigen</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="131"/>
        <source>Show the hidden review in the shop again</source>
        <translation>Die ausgeblendete Rezension wieder im Shop zeigen</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="144"/>
        <source>Every version of the selected review, oldest first</source>
        <translation>Jede Version der gewählten Rezension, älteste zuerst</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="158"/>
        <source>Moderation</source>
        <translation>Moderation</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="193"/>
        <source>Reason for showing it again (required)</source>
        <translation>Grund für das Wiederzeigen (Pflicht)</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="215"/>
        <source>Select the review to hide first.</source>
        <translation>Wählen Sie zuerst die Rezension, die ausgeblendet werden soll.</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="218"/>
        <source>Review hidden.</source>
        <translation>Rezension ausgeblendet.</translation>
    </message>
</context>
<context>
    <name>OpenRecording</name>
    <message>
        <location filename="../shell/open_recording.py" line="29"/>
        <source>Open a recording</source>
        <translation>Aufzeichnung öffnen</translation>
    </message>
    <message>
        <location filename="../shell/open_recording.py" line="53"/>
        <location filename="../shell/open_recording.py" line="67"/>
        <source>Could not open the recording</source>
        <translation>Die Aufzeichnung ließ sich nicht öffnen</translation>
    </message>
    <message>
        <location filename="../shell/open_recording.py" line="54"/>
        <source>The replay viewer did not start for {0}. Try `replayshop &quot;{0}&quot;` in a terminal to see why.</source>
        <translation>Der Wiedergabe-Betrachter startete nicht für {0}. Versuchen Sie `replayshop &quot;{0}&quot;` in einem Terminal, um den Grund zu sehen.</translation>
    </message>
    <message>
        <location filename="../shell/open_recording.py" line="68"/>
        <source>This file cannot be replayed:

{0}</source>
        <translation>Diese Datei kann nicht abgespielt werden:

{0}</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <location filename="../pages/orders.py" line="28"/>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <location filename="../pages/orders.py" line="28"/>
        <source>Placed</source>
        <translation>Bestellt am</translation>
    </message>
    <message>
        <location filename="../pages/orders.py" line="28"/>
        <source>Items</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location filename="../pages/orders.py" line="28"/>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <location filename="../pages/orders.py" line="29"/>
        <location filename="../pages/orders.py" line="38"/>
        <source>Your orders</source>
        <translation>Ihre Bestellungen</translation>
    </message>
    <message>
        <location filename="../pages/orders.py" line="33"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../pages/orders.py" line="33"/>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <location filename="../pages/orders.py" line="33"/>
        <source>Unit price</source>
        <translation>Stückpreis</translation>
    </message>
    <message>
        <location filename="../pages/orders.py" line="33"/>
        <source>Line total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <location filename="../pages/orders.py" line="34"/>
        <source>Order lines</source>
        <translation>Bestellposten</translation>
    </message>
    <message>
        <location filename="../pages/orders.py" line="41"/>
        <source>Lines of the selected order</source>
        <translation>Posten der gewählten Bestellung</translation>
    </message>
    <message>
        <location filename="../pages/orders.py" line="69"/>
        <source>No orders yet.</source>
        <translation>Noch keine Bestellungen.</translation>
    </message>
    <message>
        <location filename="../pages/orders.py" line="69"/>
        <source>Sign in to see your orders.</source>
        <translation>Melden Sie sich an, um Ihre Bestellungen zu sehen.</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <location filename="../pages/admin_products.py" line="30"/>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <location filename="../pages/analytics.py" line="20"/>
        <source>Analytics</source>
        <translation>Auswertung</translation>
    </message>
    <message>
        <location filename="../pages/cart.py" line="28"/>
        <source>Cart</source>
        <translation>Warenkorb</translation>
    </message>
    <message>
        <location filename="../pages/catalog.py" line="37"/>
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <location filename="../pages/event_log.py" line="56"/>
        <source>Event log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <location filename="../pages/moderation.py" line="43"/>
        <source>Moderation</source>
        <translation>Moderation</translation>
    </message>
    <message>
        <location filename="../pages/orders.py" line="18"/>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <location filename="../pages/reviews.py" line="24"/>
        <source>Reviews</source>
        <translation>Rezensionen</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="162"/>
        <source>Wallet</source>
        <translation>Guthaben</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../dialogs/password.py" line="42"/>
        <source>Replay Shop: Change password</source>
        <translation>Replay Shop: Passwort ändern</translation>
    </message>
    <message>
        <location filename="../dialogs/password.py" line="50"/>
        <source>Change password</source>
        <translation>Passwort ändern</translation>
    </message>
    <message>
        <location filename="../dialogs/password.py" line="58"/>
        <source>Current password</source>
        <translation>Aktuelles Passwort</translation>
    </message>
    <message>
        <location filename="../dialogs/password.py" line="59"/>
        <source>New password</source>
        <translation>Neues Passwort</translation>
    </message>
    <message>
        <location filename="../dialogs/password.py" line="60"/>
        <source>Repeat new password</source>
        <translation>Neues Passwort wiederholen</translation>
    </message>
    <message>
        <location filename="../dialogs/password.py" line="61"/>
        <source>At least {0} characters that are not spaces.</source>
        <translation>Mindestens {0} Zeichen, die keine Leerzeichen sind.</translation>
    </message>
    <message>
        <location filename="../dialogs/password.py" line="80"/>
        <source>The two new passwords differ; type the same one twice.</source>
        <translation>Die beiden neuen Passwörter unterscheiden sich; geben Sie zweimal dasselbe ein.</translation>
    </message>
    <message>
        <location filename="../dialogs/password.py" line="83"/>
        <source>Changing the password…</source>
        <translation>Das Passwort wird geändert…</translation>
    </message>
    <message>
        <location filename="../dialogs/password.py" line="105"/>
        <source>The current password is wrong, so nothing was changed. Passwords are case-sensitive.</source>
        <translation>Das aktuelle Passwort ist falsch, daher wurde nichts geändert. Bei Passwörtern zählt Groß- und Kleinschreibung.</translation>
    </message>
</context>
<context>
    <name>ProductDetail</name>
    <message>
        <location filename="../pages/product_detail.py" line="47"/>
        <source>Product details</source>
        <translation>Produktdetails</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="81"/>
        <source>Quantity to add</source>
        <translation>Menge zum Hinzufügen</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="82"/>
        <location filename="../pages/product_detail.py" line="219"/>
        <source>Add to cart</source>
        <translation>In den Warenkorb</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="86"/>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="96"/>
        <source>What did you think? (Ctrl+Enter posts)</source>
        <translation>Wie fanden Sie es? (Strg+Eingabe veröffentlicht)</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="99"/>
        <location filename="../pages/product_detail.py" line="217"/>
        <source>Post review</source>
        <translation>Rezension veröffentlichen</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="101"/>
        <source>Delete my review</source>
        <translation>Meine Rezension löschen</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="106"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="108"/>
        <source>Post the deleted review again, as it was</source>
        <translation>Die gelöschte Rezension wieder veröffentlichen, wie sie war</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="112"/>
        <location filename="../pages/product_detail.py" line="216"/>
        <source>Write a review</source>
        <translation>Rezension schreiben</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="115"/>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="116"/>
        <source>Review</source>
        <translation>Rezension</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="129"/>
        <source>Reviews of this product</source>
        <translation>Rezensionen dieses Produkts</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="140"/>
        <source>Reviews</source>
        <translation>Rezensionen</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="177"/>
        <source>No description.</source>
        <translation>Keine Beschreibung.</translation>
    </message>
    <message numerus="yes">
        <location filename="../pages/product_detail.py" line="180"/>
        <source>%n review(s)</source>
        <translation>
            <numerusform>%n Rezension</numerusform>
            <numerusform>%n Rezensionen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="188"/>
        <source>  (edited)</source>
        <translation>  (bearbeitet)</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="189"/>
        <source>  — your review</source>
        <translation>  — Ihre Rezension</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="198"/>
        <source>No reviews yet. Be the first!</source>
        <translation>Noch keine Rezensionen. Schreiben Sie die erste!</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="210"/>
        <source>Your review (edit it in place)</source>
        <translation>Ihre Rezension (hier bearbeiten)</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="211"/>
        <source>Save changes</source>
        <translation>Änderungen speichern</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="219"/>
        <source>Retired</source>
        <translation>Ausgelistet</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="232"/>
        <source>Sign in to write a review</source>
        <translation>Melden Sie sich an, um eine Rezension zu schreiben</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="241"/>
        <source>Added {0} to your cart.</source>
        <translation>{0} in Ihren Warenkorb gelegt.</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="255"/>
        <source>Thanks! Your review is posted.</source>
        <translation>Danke! Ihre Rezension ist veröffentlicht.</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="258"/>
        <source>Your review is updated.</source>
        <translation>Ihre Rezension ist aktualisiert.</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="273"/>
        <source>Your review is deleted.</source>
        <translation>Ihre Rezension ist gelöscht.</translation>
    </message>
    <message>
        <location filename="../pages/product_detail.py" line="288"/>
        <source>Your review is back.</source>
        <translation>Ihre Rezension ist wieder da.</translation>
    </message>
</context>
<context>
    <name>ProductsAdminPage</name>
    <message>
        <location filename="../pages/admin_products.py" line="45"/>
        <source>e.g. Ceramic Teapot 1 l</source>
        <translation>z. B. Keramik-Teekanne 1 l</translation>
    </message>
    <message>
        <location filename="../pages/admin_products.py" line="51"/>
        <source>Add product</source>
        <translation>Produkt anlegen</translation>
    </message>
    <message>
        <location filename="../pages/admin_products.py" line="54"/>
        <source>New product</source>
        <translation>Neues Produkt</translation>
    </message>
    <message>
        <location filename="../pages/admin_products.py" line="57"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../pages/admin_products.py" line="58"/>
        <location filename="../pages/admin_products.py" line="66"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location filename="../pages/admin_products.py" line="59"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../pages/admin_products.py" line="66"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../pages/admin_products.py" line="66"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../pages/admin_products.py" line="66"/>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location filename="../pages/admin_products.py" line="67"/>
        <location filename="../pages/admin_products.py" line="84"/>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <location filename="../pages/admin_products.py" line="70"/>
        <source>New price of the selected product</source>
        <translation>Neuer Preis des gewählten Produkts</translation>
    </message>
    <message>
        <location filename="../pages/admin_products.py" line="71"/>
        <source>Change price</source>
        <translation>Preis ändern</translation>
    </message>
    <message>
        <location filename="../pages/admin_products.py" line="73"/>
        <source>Retire</source>
        <translation>Auslisten</translation>
    </message>
    <message>
        <location filename="../pages/admin_products.py" line="77"/>
        <source>Selected product:</source>
        <translation>Gewähltes Produkt:</translation>
    </message>
    <message>
        <location filename="../pages/admin_products.py" line="134"/>
        <source>Added {0}.</source>
        <translation>{0} angelegt.</translation>
    </message>
    <message>
        <location filename="../pages/admin_products.py" line="143"/>
        <source>Select a product in the table first.</source>
        <translation>Wählen Sie zuerst ein Produkt in der Tabelle.</translation>
    </message>
    <message>
        <location filename="../pages/admin_products.py" line="150"/>
        <source>Price set to {0}.</source>
        <translation>Preis auf {0} gesetzt.</translation>
    </message>
    <message>
        <location filename="../pages/admin_products.py" line="156"/>
        <source>Product retired.</source>
        <translation>Produkt ausgelistet.</translation>
    </message>
</context>
<context>
    <name>RatingHistogram</name>
    <message numerus="yes">
        <location filename="../widgets/charts.py" line="107"/>
        <source>%n star(s): {0}</source>
        <translation>
            <numerusform>%n Stern: {0}</numerusform>
            <numerusform>%n Sterne: {0}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReplayViewer</name>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="52"/>
        <source>Real time</source>
        <translation>Echtzeit</translation>
    </message>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="56"/>
        <source>As fast as possible</source>
        <translation>So schnell wie möglich</translation>
    </message>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="97"/>
        <source>Replay: {0}</source>
        <translation>Wiedergabe: {0}</translation>
    </message>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="141"/>
        <source>Ready.</source>
        <translation>Bereit.</translation>
    </message>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="154"/>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="156"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="158"/>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="160"/>
        <source>First divergence</source>
        <translation>Erste Abweichung</translation>
    </message>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="162"/>
        <source>Go back to just before the step that diverged</source>
        <translation>Zurück bis kurz vor den abweichenden Schritt</translation>
    </message>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="171"/>
        <source>Skip inactivity</source>
        <translation>Untätigkeit überspringen</translation>
    </message>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="174"/>
        <source>Cut pauses longer than {0} s to that</source>
        <translation>Pausen über {0} s auf diese Länge kürzen</translation>
    </message>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="185"/>
        <source>Drag to jump to any step, backwards too. Marks: blue, domain events; red, an exception; tall red, the divergence</source>
        <translation>Ziehen, um zu einem beliebigen Schritt zu springen, auch zurück. Markierungen: blau, Domänenereignisse; rot, eine Ausnahme; hoch und rot, die Abweichung</translation>
    </message>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="275"/>
        <source>No picture yet.</source>
        <translation>Noch kein Bild.</translation>
    </message>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="277"/>
        <source>What the user saw at the end</source>
        <translation>Was der Benutzer am Ende sah</translation>
    </message>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="279"/>
        <source>What the user saw before #{0}</source>
        <translation>Was der Benutzer vor #{0} sah</translation>
    </message>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="281"/>
        <source>{0} (drawn by the replay: the recording has no pictures)</source>
        <translation>{0} (von der Wiedergabe gezeichnet: Die Aufzeichnung hat keine Bilder)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../recorder/replay/viewer.py" line="288"/>
        <source>%n step(s) with domain events</source>
        <translation>
            <numerusform>%n Schritt mit Domänenereignissen</numerusform>
            <numerusform>%n Schritte mit Domänenereignissen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../recorder/replay/viewer.py" line="290"/>
        <source>%n exception(s)</source>
        <translation>
            <numerusform>%n Ausnahme</numerusform>
            <numerusform>%n Ausnahmen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="291"/>
        <source>a divergence</source>
        <translation>eine Abweichung</translation>
    </message>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="206"/>
        <source>Expected (recorded)</source>
        <translation>Erwartet (aufgezeichnet)</translation>
    </message>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="207"/>
        <source>Actual (replayed)</source>
        <translation>Tatsächlich (wiedergegeben)</translation>
    </message>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="307"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location filename="../../recorder/replay/viewer.py" line="315"/>
        <source>Replaying…</source>
        <translation>Wird wiedergegeben…</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../dialogs/report.py" line="59"/>
        <source>Report a problem</source>
        <translation>Problem melden</translation>
    </message>
    <message>
        <location filename="../dialogs/report.py" line="65"/>
        <source>What did you do, and what went wrong? (optional)</source>
        <translation>Was haben Sie getan, und was ging schief? (freiwillig)</translation>
    </message>
    <message>
        <location filename="../dialogs/report.py" line="72"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../dialogs/report.py" line="78"/>
        <source>Save report</source>
        <translation>Bericht speichern</translation>
    </message>
    <message>
        <location filename="../dialogs/report.py" line="90"/>
        <source>This session (your clicks and keys, never your passwords) is saved as one file to attach to a bug report.</source>
        <translation>Diese Sitzung (Ihre Klicks und Tasten, nie Ihre Passwörter) wird als eine Datei gespeichert, die Sie einem Fehlerbericht beifügen.</translation>
    </message>
    <message>
        <location filename="../dialogs/report.py" line="103"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location filename="../dialogs/report.py" line="104"/>
        <location filename="../dialogs/report.py" line="105"/>
        <source>Save as</source>
        <translation>Speichern unter</translation>
    </message>
    <message>
        <location filename="../dialogs/report.py" line="122"/>
        <source>Recording is off for this session: there is nothing to save.</source>
        <translation>Die Aufzeichnung ist für diese Sitzung aus: Es gibt nichts zu speichern.</translation>
    </message>
    <message>
        <location filename="../dialogs/report.py" line="130"/>
        <source>Pictures of the window at each step are included, with password and private fields left blank.</source>
        <translation>Bilder des Fensters bei jedem Schritt sind enthalten; Passwort- und private Felder bleiben leer.</translation>
    </message>
    <message>
        <location filename="../dialogs/report.py" line="135"/>
        <source>No pictures of the window are included: they are turned off in the settings.</source>
        <translation>Es sind keine Bilder des Fensters enthalten: Sie sind in den Einstellungen ausgeschaltet.</translation>
    </message>
    <message>
        <location filename="../dialogs/report.py" line="146"/>
        <source>Save the report as</source>
        <translation>Bericht speichern unter</translation>
    </message>
    <message>
        <location filename="../dialogs/report.py" line="166"/>
        <source>Recording is off for this session, so there is nothing to report. Turn it on in the View menu and try again.</source>
        <translation>Die Aufzeichnung ist für diese Sitzung aus, also gibt es nichts zu melden. Schalten Sie sie im Menü Ansicht ein und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../dialogs/report.py" line="187"/>
        <source>Could not save the report to {0}: {1}</source>
        <translation>Der Bericht ließ sich nicht unter {0} speichern: {1}</translation>
    </message>
    <message numerus="yes">
        <location filename="../dialogs/report.py" line="192"/>
        <source>Report saved to {0} ({1} UI event(s), {2} KB). Attach it to your bug report.</source>
        <translation>
            <numerusform>Bericht unter {0} gespeichert ({1} Oberflächenereignis, {2} KB). Fügen Sie ihn Ihrem Fehlerbericht bei.</numerusform>
            <numerusform>Bericht unter {0} gespeichert ({1} Oberflächenereignisse, {2} KB). Fügen Sie ihn Ihrem Fehlerbericht bei.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewsPage</name>
    <message>
        <location filename="../pages/reviews.py" line="31"/>
        <source>Author, e.g. ann</source>
        <translation>Autor, z. B. ann</translation>
    </message>
    <message>
        <location filename="../pages/reviews.py" line="33"/>
        <source>From day</source>
        <translation>Ab Tag</translation>
    </message>
    <message>
        <location filename="../pages/reviews.py" line="34"/>
        <source>To day (included)</source>
        <translation>Bis Tag (einschließlich)</translation>
    </message>
    <message>
        <location filename="../pages/reviews.py" line="37"/>
        <source>A day such as 2026-11-02, or a time with its zone</source>
        <translation>Ein Tag wie 2026-11-02 oder eine Uhrzeit mit Zeitzone</translation>
    </message>
    <message>
        <location filename="../pages/reviews.py" line="41"/>
        <source>Posted</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <location filename="../pages/reviews.py" line="42"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../pages/reviews.py" line="43"/>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <location filename="../pages/reviews.py" line="44"/>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location filename="../pages/reviews.py" line="45"/>
        <source>Review</source>
        <translation>Rezension</translation>
    </message>
    <message>
        <location filename="../pages/reviews.py" line="48"/>
        <source>Reviews found</source>
        <translation>Gefundene Rezensionen</translation>
    </message>
    <message>
        <location filename="../pages/reviews.py" line="60"/>
        <source>Reviews</source>
        <translation>Rezensionen</translation>
    </message>
    <message>
        <location filename="../pages/reviews.py" line="64"/>
        <source>The newest reviews in the shop. Narrow them by author, #tag or days.</source>
        <translation>Die neuesten Rezensionen im Shop. Grenzen Sie sie nach Autor, #Tag oder Tagen ein.</translation>
    </message>
    <message>
        <location filename="../pages/reviews.py" line="104"/>
        <source>  (edited)</source>
        <translation>  (bearbeitet)</translation>
    </message>
    <message>
        <location filename="../pages/reviews.py" line="111"/>
        <source>Popular tags: {0}</source>
        <translation>Beliebte Tags: {0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../pages/reviews.py" line="118"/>
        <source>{0} review(s) found</source>
        <translation>
            <numerusform>{0} Rezension gefunden</numerusform>
            <numerusform>{0} Rezensionen gefunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../pages/reviews.py" line="120"/>
        <source>The {0} newest review(s)</source>
        <translation>
            <numerusform>Die neueste Rezension</numerusform>
            <numerusform>Die {0} neuesten Rezensionen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Rollouts</name>
    <message numerus="yes">
        <location filename="../shell/rollout.py" line="46"/>
        <source>Read model {0} v{1} is now in use (built from {2} event(s) in {3} s).</source>
        <translation>
            <numerusform>Lesemodell {0} v{1} ist jetzt in Gebrauch (aus {2} Ereignis in {3} s erstellt).</numerusform>
            <numerusform>Lesemodell {0} v{1} ist jetzt in Gebrauch (aus {2} Ereignissen in {3} s erstellt).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sorts</name>
    <message>
        <location filename="../pages/catalog.py" line="29"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../pages/catalog.py" line="30"/>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <location filename="../pages/catalog.py" line="31"/>
        <source>Best rated</source>
        <translation>Beste Bewertung</translation>
    </message>
    <message>
        <location filename="../pages/catalog.py" line="32"/>
        <source>Most reviewed</source>
        <translation>Meiste Rezensionen</translation>
    </message>
</context>
<context>
    <name>StarRating</name>
    <message>
        <location filename="../widgets/stars.py" line="48"/>
        <source>No rating chosen; press 1 to 5</source>
        <translation>Keine Bewertung gewählt; 1 bis 5 drücken</translation>
    </message>
    <message>
        <location filename="../widgets/stars.py" line="51"/>
        <source>Rating: click a star or press 1 to 5</source>
        <translation>Bewertung: einen Stern anklicken oder 1 bis 5 drücken</translation>
    </message>
    <message>
        <location filename="../widgets/stars.py" line="53"/>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location filename="../widgets/stars.py" line="66"/>
        <source>{0} of 5 stars</source>
        <translation>{0} von 5 Sternen</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../shell/main.py" line="34"/>
        <source>Updating the shop&apos;s read models (once after an update)…</source>
        <translation>Die Lesemodelle des Shops werden aktualisiert (einmal nach einem Update)…</translation>
    </message>
</context>
<context>
    <name>TimeTravelBar</name>
    <message>
        <location filename="../pages/time_travel.py" line="54"/>
        <source>Time travel</source>
        <translation>Zeitreise</translation>
    </message>
    <message>
        <location filename="../pages/time_travel.py" line="93"/>
        <source>Drag left to see the shop as it was</source>
        <translation>Nach links ziehen, um den Shop zu sehen, wie er war</translation>
    </message>
    <message>
        <location filename="../pages/time_travel.py" line="57"/>
        <source>Back to now</source>
        <translation>Zurück zum Jetzt</translation>
    </message>
    <message>
        <location filename="../pages/time_travel.py" line="61"/>
        <source>Time travel:</source>
        <translation>Zeitreise:</translation>
    </message>
    <message>
        <location filename="../pages/time_travel.py" line="89"/>
        <source>This shop keeps no history before event {0}</source>
        <translation>Dieser Laden bewahrt keine Geschichte vor Ereignis {0} auf</translation>
    </message>
    <message>
        <location filename="../pages/time_travel.py" line="91"/>
        <source>Drag left to see the shop as it was, back to event {0}</source>
        <translation>Nach links ziehen, um den Laden zu sehen, wie er war – zurück bis Ereignis {0}</translation>
    </message>
    <message>
        <location filename="../pages/time_travel.py" line="160"/>
        <source>Event {0} is older than the history kept (from event {1})</source>
        <translation>Ereignis {0} ist älter als die aufbewahrte Geschichte (ab Ereignis {1})</translation>
    </message>
    <message>
        <location filename="../pages/time_travel.py" line="127"/>
        <source>Reading the shop as of event {0}…</source>
        <translation>Der Shop wird zum Stand von Ereignis {0} gelesen…</translation>
    </message>
    <message>
        <location filename="../pages/time_travel.py" line="132"/>
        <source>the beginning</source>
        <translation>dem Anfang</translation>
    </message>
    <message numerus="yes">
        <location filename="../pages/time_travel.py" line="168"/>
        <source>Now · {0} event(s)</source>
        <translation>
            <numerusform>Jetzt · {0} Ereignis</numerusform>
            <numerusform>Jetzt · {0} Ereignisse</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../pages/time_travel.py" line="170"/>
        <source>Event {0} of {1}…</source>
        <translation>Ereignis {0} von {1}…</translation>
    </message>
    <message>
        <location filename="../pages/time_travel.py" line="173"/>
        <source>As of {0} · event {1}</source>
        <translation>Stand {0} · Ereignis {1}</translation>
    </message>
</context>
<context>
    <name>Wallet</name>
    <message>
        <location filename="../pages/wallet.py" line="34"/>
        <source>deposit</source>
        <translation>Einzahlung</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="35"/>
        <source>debit</source>
        <translation>Abbuchung</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="36"/>
        <source>reversal</source>
        <translation>Stornierung</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="42"/>
        <source>the deposit of {0} on {1}</source>
        <translation>die Einzahlung von {0} am {1}</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="43"/>
        <source>the debit of {0} on {1}</source>
        <translation>die Abbuchung von {0} am {1}</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="44"/>
        <source>the reversal of {0} on {1}</source>
        <translation>die Stornierung von {0} am {1}</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="46"/>
        <source>the transaction of {0} on {1}</source>
        <translation>die Buchung von {0} am {1}</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="60"/>
        <source>Reverses {0}</source>
        <translation>Storniert {0}</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="62"/>
        <source>Corrects {0}</source>
        <translation>Berichtigt {0}</translation>
    </message>
</context>
<context>
    <name>WalletPage</name>
    <message>
        <location filename="../pages/wallet.py" line="177"/>
        <source>Wallet of account</source>
        <translation>Guthaben des Kontos</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="178"/>
        <source>Wallet of</source>
        <translation>Guthaben von</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="181"/>
        <source>Amount to deposit</source>
        <translation>Einzuzahlender Betrag</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="182"/>
        <source>Deposit</source>
        <translation>Einzahlen</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="184"/>
        <source>Correct selected…</source>
        <translation>Gewählte berichtigen…</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="190"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="191"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="192"/>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="193"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="194"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="197"/>
        <source>Transactions</source>
        <translation>Buchungen</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="208"/>
        <source>Add store credit:</source>
        <translation>Guthaben aufladen:</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="243"/>
        <source>Balance: {0}</source>
        <translation>Kontostand: {0}</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="245"/>
        <source>Sign in to see your wallet.</source>
        <translation>Melden Sie sich an, um Ihr Guthaben zu sehen.</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="255"/>
        <source>reversed</source>
        <translation>storniert</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="268"/>
        <source>&quot;{0}&quot; is not an amount to deposit: enter {1} to {2}. Nothing was deposited.</source>
        <translation>„{0}“ ist kein Betrag zum Einzahlen: geben Sie {1} bis {2} ein. Es wurde nichts eingezahlt.</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="274"/>
        <source>Deposited {0}.</source>
        <translation>{0} eingezahlt.</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="280"/>
        <source>Select the transaction to correct first.</source>
        <translation>Wählen Sie zuerst die Buchung, die berichtigt werden soll.</translation>
    </message>
    <message>
        <location filename="../pages/wallet.py" line="300"/>
        <source>Corrected: reversed and re-recorded as {0}.</source>
        <translation>Berichtigt: storniert und als {0} neu gebucht.</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <location filename="../pages/welcome.py" line="19"/>
        <source>Welcome to Replay Shop</source>
        <translation>Willkommen bei Replay Shop</translation>
    </message>
    <message>
        <location filename="../pages/welcome.py" line="24"/>
        <source>&lt;h2&gt;Welcome to Replay Shop&lt;/h2&gt;&lt;p&gt;This shop is empty. Every change you make is kept forever in an append-only log, so you can look at the shop as it was at any moment.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Willkommen bei Replay Shop&lt;/h2&gt;&lt;p&gt;Dieser Shop ist leer. Jede Änderung bleibt für immer in einem Protokoll, an das nur angefügt wird, sodass Sie den Shop so sehen können, wie er zu jedem Zeitpunkt war.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../pages/welcome.py" line="30"/>
        <source>Load the demo shop (25 products, 12 shoppers)</source>
        <translation>Den Demo-Shop laden (25 Produkte, 12 Kunden)</translation>
    </message>
    <message>
        <location filename="../pages/welcome.py" line="32"/>
        <source>Start empty: create the first administrator…</source>
        <translation>Leer beginnen: ersten Administrator anlegen…</translation>
    </message>
    <message>
        <location filename="../pages/welcome.py" line="34"/>
        <source>Not now</source>
        <translation>Nicht jetzt</translation>
    </message>
    <message>
        <location filename="../pages/welcome.py" line="50"/>
        <source>Loading the demo shop…</source>
        <translation>Der Demo-Shop wird geladen…</translation>
    </message>
</context>
<context>
    <name>format</name>
    <message>
        <location filename="../widgets/format.py" line="41"/>
        <source>no ratings</source>
        <translation>keine Bewertungen</translation>
    </message>
</context>
</TS>

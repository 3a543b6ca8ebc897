/**
 * Dutch, the default language. Placeholders are `{name}`. Every key must exist in messages-en.ts too.
 *
 * Some texts look like slips but are copied from the real portal on purpose, so that staff find
 * what its manual (and the extension) quote: "E-mail adres:" (account.email), "2-Factor
 * authenticatie" (account.twoFactorTitle), "Authenticator code:" (mfa.code), and "middels" and
 * "browser plugin" (account.twoFactorHow). Do not correct them.
 */
export const MESSAGES_NL = {
  'app.name': 'Demo Portaal',
  'app.demoNotice':
    'Demo-omgeving: het account ‘demo’ met wachtwoord ‘demo’ is alleen bedoeld om op deze computer te testen.',
  'app.skipToContent': 'Naar de inhoud',
  'app.tagline': 'Verificatieserver voor ontwikkelaars',
  'menu.account': 'Mijn gegevens',
  'menu.logout': 'Uitloggen',
  'menu.otherLanguage': 'English',
  'menu.userMenu': 'Gebruikersmenu van {username}',

  'login.title': 'Inloggen',
  'login.username': 'Gebruikersnaam',
  'login.password': 'Wachtwoord',
  'login.submit': 'Inloggen',
  'login.failed': 'Gebruikersnaam of wachtwoord onjuist.',
  'login.throttled.one': 'Te veel mislukte inlogpogingen. Probeer het over 1 seconde opnieuw.',
  'login.throttled.other': 'Te veel mislukte inlogpogingen. Probeer het over {seconds} seconden opnieuw.',
  'login.expired': 'Uw inlogpoging is verlopen. Log opnieuw in.',
  'login.required': 'Log in om verder te gaan.',
  'login.loggedOut': 'U bent uitgelogd.',

  'mfa.chooseAuthenticator': 'Kies uw authenticator:',
  'mfa.code': 'Authenticator code:',
  'mfa.codeHint': 'De 6 cijfers die uw authenticator nu toont.',
  'mfa.submit': 'Inloggen',
  'mfa.remember': 'Onthoud deze browser voor 7 dagen',
  'mfa.noAccess': 'Ik heb geen toegang tot mijn authenticator(s)',
  'mfa.restart': 'Opnieuw inloggen',
  'mfa.wrongCode':
    'De code is onjuist of al gebruikt. Controleer bij ‘Kies uw authenticator’ of u de authenticator heeft gekozen waarvan u de code overneemt, en vul de code in die die authenticator nu toont.',
  'mfa.wrongCodeOne': 'De code is onjuist of al gebruikt. Vul de code in die uw authenticator nu toont.',
  'mfa.reusedCode':
    'Deze code is al gebruikt. Elke code werkt maar één keer: wacht tot uw authenticator een nieuwe code toont en vul die in.',
  'mfa.badFormat': 'Vul de {digits}-cijferige code in, alleen cijfers.',
  'mfa.unknownAuthenticator': 'Kies een van uw authenticators uit de lijst.',
  'mfa.throttled.one':
    'Wacht nog 1 seconde en vul de code dan opnieuw in. Na elke onjuiste code duurt het wachten langer.',
  'mfa.throttled.other':
    'Wacht nog {seconds} seconden en vul de code dan opnieuw in. Na elke onjuiste code duurt het wachten langer.',
  'mfa.unavailable':
    'Deze authenticator kan nu niet worden gecontroleerd. Kies ‘Ik heb geen toegang tot mijn authenticator(s)’ om met een code per e-mail of SMS in te loggen.',
  'mfa.locked':
    'Uw account is geblokkeerd na te veel mislukte pogingen. Kies ‘Ik heb geen toegang tot mijn authenticator(s)’ of vraag uw beheerder het account te deblokkeren.',

  'fallback.title': 'Code per e-mail of SMS',
  'fallback.intro': 'Wij sturen u een eenmalige code van 6 cijfers. De code is 10 minuten geldig.',
  'fallback.introNoAuthenticator':
    'Uw organisatie vraagt bij het inloggen om een extra code. U heeft nog geen authenticator gekoppeld, daarom sturen wij de code per e-mail of SMS. Na het inloggen kunt u bij ‘Mijn gegevens’ een authenticator toevoegen.',
  'fallback.devOutbox': 'Ontwikkelomgeving: de code wordt niet echt verstuurd.',
  'fallback.devOutboxLink': 'U vindt hem in de outbox.',
  'fallback.channel': 'Waar wilt u de code ontvangen?',
  'fallback.email': 'E-mail naar {address}',
  'fallback.sms': 'SMS naar {number}',
  'fallback.noMobile':
    'SMS is niet mogelijk: er is geen mobiel nummer ingesteld. Na het inloggen kunt u dat doen bij ‘Mijn gegevens’.',
  'fallback.send': 'Verstuur code',
  'fallback.sent':
    'Wij hebben een code gestuurd naar {address}. De code is 10 minuten geldig. Alleen de laatst verstuurde code werkt.',
  'fallback.useAuthenticator': 'Toch inloggen met een authenticator',
  'fallback.code': 'Code:',
  'fallback.submit': 'Inloggen',
  'fallback.resend': 'Stuur een nieuwe code',
  'fallback.wrongCode': 'De code is onjuist of verlopen. Gebruik de code uit het laatste bericht.',
  'fallback.noCode': 'Er is geen geldige code meer. Vraag een nieuwe code aan.',
  'fallback.codeCount.one': '1 code',
  'fallback.codeCount.other': '{limit} codes',
  'fallback.capped.one':
    'Vanaf deze internetverbinding is het maximum van {codes} per uur bereikt. Een nieuwe code kunt u over 1 minuut aanvragen.',
  'fallback.capped.other':
    'Vanaf deze internetverbinding is het maximum van {codes} per uur bereikt. Een nieuwe code kunt u over {minutes} minuten aanvragen.',
  'fallback.cappedUseLast.one':
    'Vanaf deze internetverbinding is het maximum van {codes} per uur bereikt. Gebruik de laatst verstuurde code; die is nog geldig. Een nieuwe code kunt u over 1 minuut aanvragen.',
  'fallback.cappedUseLast.other':
    'Vanaf deze internetverbinding is het maximum van {codes} per uur bereikt. Gebruik de laatst verstuurde code; die is nog geldig. Een nieuwe code kunt u over {minutes} minuten aanvragen.',
  'fallback.cappedDevice.one':
    'U heeft in het afgelopen uur in deze browser al {codes} aangevraagd. Een nieuwe code kunt u over 1 minuut aanvragen.',
  'fallback.cappedDevice.other':
    'U heeft in het afgelopen uur in deze browser al {codes} aangevraagd. Een nieuwe code kunt u over {minutes} minuten aanvragen.',
  'fallback.cappedDeviceUseLast.one':
    'U heeft in het afgelopen uur in deze browser al {codes} aangevraagd. Gebruik de laatst verstuurde code; die is nog geldig. Een nieuwe code kunt u over 1 minuut aanvragen.',
  'fallback.cappedDeviceUseLast.other':
    'U heeft in het afgelopen uur in deze browser al {codes} aangevraagd. Gebruik de laatst verstuurde code; die is nog geldig. Een nieuwe code kunt u over {minutes} minuten aanvragen.',
  'fallback.cappedAccount.one':
    'Voor dit account is het maximum van {codes} per uur bereikt. Een nieuwe code kunt u over 1 minuut aanvragen.',
  'fallback.cappedAccount.other':
    'Voor dit account is het maximum van {codes} per uur bereikt. Een nieuwe code kunt u over {minutes} minuten aanvragen.',
  'fallback.cappedAccountUseLast.one':
    'Voor dit account is het maximum van {codes} per uur bereikt. Gebruik de laatst verstuurde code; die is nog geldig. Een nieuwe code kunt u over 1 minuut aanvragen.',
  'fallback.cappedAccountUseLast.other':
    'Voor dit account is het maximum van {codes} per uur bereikt. Gebruik de laatst verstuurde code; die is nog geldig. Een nieuwe code kunt u over {minutes} minuten aanvragen.',
  'fallback.haveCode': 'Ik heb al een code ontvangen',
  'fallback.chooseChannel': 'Kies e-mail of SMS.',
  'fallback.mailSubject': 'Uw inlogcode',
  'fallback.mailBody':
    'Uw inlogcode is {code}. De code is 10 minuten geldig. Heeft u niet geprobeerd in te loggen? Wijzig dan uw wachtwoord.',
  'fallback.smsBody': 'Uw inlogcode is {code} (10 minuten geldig).',

  'account.title': 'Mijn gegevens',
  'account.username': 'Gebruikersnaam:',
  'account.email': 'E-mail adres:',
  'account.organisation': 'Organisatie:',
  'account.password': 'Wachtwoord:',
  'account.changePassword': 'Wijzig wachtwoord',
  'account.mobile': 'Mobiel telefoonnummer:',
  'account.save': 'Opslaan',
  'account.mobileSaved': 'Uw mobiele nummer is opgeslagen.',
  'account.mobileRemoved':
    'Uw mobiele nummer is verwijderd. Inlogcodes per SMS zijn niet meer mogelijk, per e-mail wel.',
  'account.mobileDraft': 'Dit nummer is nog niet opgeslagen. Controleer het en klik op ‘Opslaan’.',
  'account.mobileInvalid': 'Vul een geldig mobiel nummer in, bijvoorbeeld +31 6 12345678.',
  'account.twoFactorTitle': '2-Factor authenticatie',
  'account.twoFactorText':
    'Met 2-factor authenticatie wordt uw account extra beschermd. Bij het inloggen wordt namelijk om een extra code gevraagd.',
  'account.twoFactorHow':
    'Deze code kan middels e-mail, SMS, browser plugin of een app op uw mobiele telefoon worden verkregen.',
  'account.twoFactorRequired': 'Uw organisatie heeft 2-factor authenticatie verplicht gesteld.',
  'account.authenticators': 'Authenticator apps',
  'account.noAuthenticators': 'U heeft nog geen authenticator toegevoegd.',
  'account.addAuthenticator': 'Voeg authenticator toe',
  'account.colName': 'Naam',
  'account.colAdded': 'Toegevoegd',
  'account.colLastUsed': 'Laatst gebruikt',
  'account.colActions': 'Acties',
  'account.never': 'Nooit',
  'account.rename': 'Naam wijzigen',
  'account.renameLabel': 'Nieuwe naam voor ‘{name}’',
  'account.renamed': 'De naam is gewijzigd in ‘{name}’.',
  'account.remove': 'Verwijderen',
  'account.renameNamed': 'Naam wijzigen: {name}',
  'account.removeNamed': 'Verwijderen: {name}',
  'account.removeTitle': 'Authenticator ‘{name}’ verwijderen?',
  'account.removeText':
    'Daarna kunt u niet meer inloggen met de codes van deze authenticator. In onthouden browsers moet u dan weer een code invullen.',
  'account.removeSignsOut':
    'Op andere computers en in andere browsers waar u bent ingelogd, wordt u dan uitgelogd. Hier blijft u ingelogd.',
  'account.removed':
    'Authenticator ‘{name}’ is verwijderd. Op andere computers en in andere browsers bent u uitgelogd.',
  'account.removedLogIn': 'Authenticator ‘{name}’ is verwijderd en u bent overal uitgelogd. Log opnieuw in.',
  'account.cancel': 'Annuleren',
  'account.forgetBrowsers': 'Vergeet alle browsers',
  'account.forgetBrowsersText':
    'Browsers waarop u ‘Onthoud deze browser’ koos, vragen dan weer om een code. Op andere computers en in andere browsers wordt u uitgelogd; hier blijft u ingelogd.',
  'account.browsersForgotten':
    'Alle onthouden browsers zijn vergeten. Op andere computers en in andere browsers bent u uitgelogd.',
  'account.notFound': 'Deze authenticator bestaat niet (meer).',

  'enroll.title': 'Voeg authenticator toe',
  'enroll.step1': 'Stap 1 van 2: geef de authenticator een naam',
  'enroll.name': 'Naam van de authenticator',
  'enroll.nameHint': 'Bijvoorbeeld ‘Chrome plugin balie’ of ‘Chrome plugin behandelkamer 1’.',
  'enroll.next': 'Ga naar stap 2',
  'enroll.step2': 'Stap 2 van 2: koppel de authenticator ‘{name}’',
  'enroll.scan':
    'Open eerst de Authenticator-extensie: klik rechtsboven in Chrome op het pictogram van Authenticator (staat het er niet, klik dan eerst op het puzzelstukje). Klik in het venster dat opent op het scanpictogram (een blauw vierkantje van vier losse hoeken met een streep erdoor) en sleep een rechthoek over de QR-code. Met een telefoon: scan de QR-code met uw authenticator-app.',
  'enroll.qrAlt': 'QR-code om de authenticator ‘{name}’ te koppelen',
  'enroll.manualKey': 'Lukt scannen niet? Voer deze sleutel handmatig in:',
  'enroll.code': 'Code uit de authenticator:',
  'enroll.save': 'Opslaan',
  'enroll.cancel': 'Annuleren',
  'enroll.nameEmpty': 'Geef de authenticator een naam.',
  'enroll.nameTooLong': 'De naam mag maximaal {max} tekens lang zijn.',
  'enroll.nameTaken': 'U heeft al een authenticator met de naam ‘{name}’. Kies een andere naam.',
  'enroll.nameInvisible':
    'De naam bevat een onzichtbaar teken (bijvoorbeeld uit een gekopieerde tekst). Typ de naam opnieuw.',
  'enroll.nameMixedScripts':
    'De naam bevat een letter die op een gewone letter lijkt, maar uit een ander alfabet komt (bijvoorbeeld een Russische ‘С’). Typ de naam opnieuw met uw eigen toetsenbord.',
  'enroll.wrongCode':
    'De code klopt niet. Controleer of de tijd op uw apparaat juist staat en vul de code in die de authenticator nu toont.',
  'enroll.expired.one':
    'De QR-code is na 1 minuut verlopen; de authenticator is niet toegevoegd. Maak bij stap 1 een nieuwe QR-code met de knop ‘Ga naar stap 2’. Had u deze QR-code al gescand? Verwijder dat account dan uit uw authenticator, anders staat het er twee keer in en werkt één ervan niet.',
  'enroll.expired.other':
    'De QR-code is na {minutes} minuten verlopen; de authenticator is niet toegevoegd. Maak bij stap 1 een nieuwe QR-code met de knop ‘Ga naar stap 2’. Had u deze QR-code al gescand? Verwijder dat account dan uit uw authenticator, anders staat het er twee keer in en werkt één ervan niet.',
  'enroll.validFor.one': 'Deze QR-code is 1 minuut geldig.',
  'enroll.validFor.other': 'Deze QR-code is {minutes} minuten geldig.',
  'enroll.added': 'Authenticator ‘{name}’ is toegevoegd.',
  'enroll.alreadyAdded': 'Authenticator ‘{name}’ is al toegevoegd; u hoeft niets opnieuw te doen.',
  'enroll.damaged':
    'De nieuwe authenticator kon niet worden gelezen en is niet opgeslagen. Begin opnieuw. Had u de QR-code al gescand? Verwijder dat account dan uit uw authenticator.',
  'enroll.replaced':
    'In een ander venster of tabblad is intussen een nieuwe QR-code gemaakt; de vorige geldt niet meer. Scan deze QR-code en vul de code in die de authenticator dan toont. Had u de vorige al gescand, verwijder dat account dan uit uw authenticator.',

  'reauth.title': 'Bevestig uw wachtwoord',
  'reauth.text': 'Voor deze wijziging vragen wij uw wachtwoord opnieuw.',
  'reauth.textEnroll': 'Om een authenticator toe te voegen vragen wij uw wachtwoord opnieuw.',
  'reauth.submit': 'Bevestigen',
  'reauth.failed': 'Het wachtwoord is onjuist.',

  'password.title': 'Wijzig wachtwoord',
  'password.current': 'Huidig wachtwoord',
  'password.new': 'Nieuw wachtwoord',
  'password.confirm': 'Herhaal nieuw wachtwoord',
  'password.hint': 'Minimaal {min} tekens. Een zin van een paar woorden is sterk en goed te onthouden.',
  'password.submit': 'Wachtwoord wijzigen',
  'password.wrongCurrent': 'Het huidige wachtwoord is onjuist.',
  'password.tooShort': 'Het nieuwe wachtwoord moet minimaal {min} tekens lang zijn.',
  'password.tooLong': 'Het nieuwe wachtwoord mag maximaal {max} tekens lang zijn.',
  'password.mismatch': 'De twee nieuwe wachtwoorden zijn niet gelijk.',
  'password.changed':
    'Uw wachtwoord is gewijzigd. Op andere computers en in andere browsers bent u uitgelogd; onthouden browsers vragen weer om een code.',
  'password.changedLogIn':
    'Uw wachtwoord is gewijzigd en u bent overal uitgelogd. Log in met uw nieuwe wachtwoord.',

  'notify.addedSubject': 'Authenticator toegevoegd',
  'notify.addedBody':
    'Aan uw account is de authenticator ‘{name}’ toegevoegd. Was u dit niet? Neem dan direct contact op met uw beheerder.',
  'notify.removedSubject': 'Authenticator verwijderd',
  'notify.removedBody':
    'Van uw account is de authenticator ‘{name}’ verwijderd. Op andere computers en in andere browsers bent u daarbij uitgelogd. Was u dit niet? Neem dan direct contact op met uw beheerder.',
  'notify.renamedSubject': 'Authenticator hernoemd',
  'notify.renamedBody':
    'De authenticator ‘{old}’ van uw account heet nu ‘{name}’. Een nieuwe naamwijziging binnen 10 minuten wordt niet apart gemeld: kijk bij ‘Mijn gegevens’ hoe hij nu heet. Was u dit niet? Neem dan direct contact op met uw beheerder.',
  'notify.lockedSubject': 'Inloggen met uw authenticator is geblokkeerd',
  'notify.lockedBody':
    'Na {count} onjuiste codes is inloggen met een authenticator voor uw account geblokkeerd. Dat kan alleen iemand die uw wachtwoord kent. Was u dit niet? Wijzig dan direct uw wachtwoord. Inloggen kan nog met een code per e-mail of SMS (‘Ik heb geen toegang tot mijn authenticator(s)’), en in browsers die u heeft laten onthouden.',
  'notify.replaySubject': 'Waarschuwing: een inlogcode is opnieuw gebruikt',
  'notify.replayBody':
    'Er is geprobeerd in te loggen met een code van authenticator ‘{name}’ die al eerder was gebruikt; die poging is geweigerd. Vulde u zelf dezelfde code twee keer in, bijvoorbeeld door direct na het toevoegen van de authenticator in te loggen? Dan hoeft u niets te doen. Was u dit niet? Wijzig dan uw wachtwoord.',
  'notify.mobileSubject': 'Uw mobiele nummer is gewijzigd',
  'notify.mobileBody':
    'Het mobiele nummer voor inlogcodes per SMS is gewijzigd van {old} in {new}. Was u dit niet? Neem dan direct contact op met uw beheerder.',
  'notify.mobileSms':
    'Dit nummer ontvangt geen inlogcodes meer voor uw account; het nieuwe nummer is {new}. Was u dit niet? Neem dan direct contact op met uw beheerder.',
  'notify.mobileAddedSubject': 'Uw mobiele nummer is ingesteld',
  'notify.mobileAddedBody':
    'Voor inlogcodes per SMS is het mobiele nummer {new} ingesteld. Was u dit niet? Neem dan direct contact op met uw beheerder.',
  'notify.mobileRemovedSubject': 'Uw mobiele nummer is verwijderd',
  'notify.mobileRemovedBody':
    'Het mobiele nummer {old} is verwijderd; u ontvangt geen inlogcodes per SMS meer. Was u dit niet? Neem dan direct contact op met uw beheerder.',
  'notify.mobileRemovedSms':
    'Dit nummer ontvangt geen inlogcodes meer voor uw account; uw mobiele nummer is verwijderd. Was u dit niet? Neem dan direct contact op met uw beheerder.',
  'notify.passwordSubject': 'Uw wachtwoord is gewijzigd',
  'notify.passwordBody':
    'Het wachtwoord van uw account is gewijzigd. Was u dit niet? Neem dan direct contact op met uw beheerder.',

  'outbox.title': 'Verzonden berichten',
  'outbox.intro':
    'Ontwikkelomgeving: e-mails en sms’jes worden niet verstuurd maar hier getoond, nieuwste eerst.',
  'outbox.empty': 'Nog geen berichten.',
  'outbox.channel': 'Kanaal',
  'outbox.to': 'Aan',
  'outbox.subject': 'Onderwerp',
  'outbox.body': 'Bericht',
  'outbox.sentAt': 'Verzonden',

  'error.title': 'Er ging iets mis',
  'error.badRequest': 'Het formulier is onvolledig of ongeldig. Ga terug en probeer het opnieuw.',
  'error.invalidRequest': 'Dit kon niet worden verwerkt. Ga terug en probeer het opnieuw.',
  'error.csrf':
    'Dit formulier is verlopen of ongeldig. Ga terug, laad de pagina opnieuw en probeer het nog eens.',
  'error.notFound': 'Deze pagina bestaat niet.',
  'error.tooLarge': 'U heeft te veel tekst ingevuld. Ga terug, maak de tekst korter en probeer het opnieuw.',
  'error.unsupported':
    'Deze actie kon niet worden uitgevoerd. Ga terug, laad de pagina opnieuw en probeer het nog eens.',
  'error.busy': 'Het is nu erg druk. Probeer het over een paar seconden opnieuw.',
  'error.server': 'Er ging iets mis aan onze kant. Probeer het later opnieuw.',
  'error.unavailable':
    'Het portaal werkt op dit moment niet goed. Er is niets gewijzigd; probeer het over een paar seconden opnieuw.',
  'error.backHome': 'Naar de startpagina',
} as const;

export type MessageKey = keyof typeof MESSAGES_NL;

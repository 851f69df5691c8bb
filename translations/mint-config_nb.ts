<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nb">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Mint Config</source>
        <translation>Om Mint Config</translation>
    </message>
    <message>
        <source>Mint Config</source>
        <translation>Mint Config</translation>
    </message>
    <message>
        <source>Manages the secrets that identity workflows import by reference ID.</source>
        <translation>Behandler hemmelighetene som identitetsflyter importerer via referanse-ID.</translation>
    </message>
    <message>
        <source>The versions in use; select them to copy them.</source>
        <translation>Versjonene som er i bruk. Merk dem for å kopiere dem.</translation>
    </message>
    <message>
        <source>Licensed under the Apache License 2.0.</source>
        <translation>Lisensiert under Apache License 2.0.</translation>
    </message>
    <message>
        <source>© 2026 The Mint Config authors</source>
        <translation>© 2026 Mint Config-forfatterne</translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <comment>a library in use, then the one built with</comment>
        <translation>%1 (bygd med %2)</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Versjon %1</translation>
    </message>
    <message>
        <source>Uses Qt (LGPL-3.0), OpenSSL (Apache-2.0) and QtKeychain (BSD-3-Clause).</source>
        <translation>Bruker Qt (LGPL-3.0), OpenSSL (Apache-2.0) og QtKeychain (BSD-3-Clause).</translation>
    </message>
</context>
<context>
    <name>AccessPage</name>
    <message>
        <source>Switch to &amp;local vault</source>
        <translation>Bytt til &amp;lokalt hvelv</translation>
    </message>
    <message>
        <source>&amp;Manage connections…</source>
        <translation>&amp;Behandle tilkoblinger…</translation>
    </message>
    <message>
        <source>You have no access to secrets</source>
        <translation>Du har ikke tilgang til hemmeligheter</translation>
    </message>
    <message>
        <source>Your account on %1 has no role that lets it view secrets. Ask an administrator for access.</source>
        <translation>Kontoen din på %1 har ingen rolle som gir tilgang til å se hemmeligheter. Be en administrator om tilgang.</translation>
    </message>
    <message>
        <source>Viewing secrets on %1 needs the %2 role. Ask an administrator to give it to your account.</source>
        <translation>For å se hemmeligheter på %1 trenger du rollen %2. Be en administrator om å gi kontoen din denne rollen.</translation>
    </message>
    <message>
        <source>Signed in as %1.</source>
        <translation>Pålogget som %1.</translation>
    </message>
</context>
<context>
    <name>AddSecretDialog</name>
    <message>
        <source>Add secret</source>
        <translation>Legg til hemmelighet</translation>
    </message>
    <message>
        <source>Store sensitive data, such as an access token or a signing key, to reuse in your flows. You can see the value only now, while you create it.</source>
        <translation>Lagre sensitive data, som et tilgangstoken eller en signeringsnøkkel, og bruk dem om igjen i flytene dine. Du ser verdien bare nå, mens du oppretter hemmeligheten.</translation>
    </message>
    <message>
        <source>&amp;Save secret</source>
        <translation>Lagre &amp;hemmelighet</translation>
    </message>
    <message>
        <source>For example: My Secret</source>
        <translation>For eksempel: Min hemmelighet</translation>
    </message>
    <message>
        <source>Secret &amp;name</source>
        <translation>Hemmelighets&amp;navn</translation>
    </message>
    <message>
        <source>Secret &amp;value</source>
        <translation>Hemmelighets&amp;verdi</translation>
    </message>
    <message>
        <source>Type or paste the value, or generate one</source>
        <translation>Skriv eller lim inn verdien, eller generer en ny</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Lagrer…</translation>
    </message>
</context>
<context>
    <name>ApiErrors</name>
    <message>
        <source>The server did not answer in time. Check the connection and try again.</source>
        <translation>Serveren svarte ikke i tide. Kontroller tilkoblingen og prøv igjen.</translation>
    </message>
    <message>
        <source>The server&apos;s answer was incomplete or could not be read. Try again.</source>
        <translation>Svaret fra serveren var ufullstendig eller kunne ikke leses. Prøv igjen.</translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <translation>%1 eller %2</translation>
    </message>
    <message>
        <source>Deleting secrets needs the %1 role.</source>
        <translation>Du må ha rollen %1 for å slette hemmeligheter.</translation>
    </message>
    <message>
        <source>Deleting secrets needs one of the roles %1.</source>
        <translation>Du må ha en av rollene %1 for å slette hemmeligheter.</translation>
    </message>
    <message>
        <source>Adding or changing secrets needs the %1 role.</source>
        <translation>Du må ha rollen %1 for å legge til eller endre hemmeligheter.</translation>
    </message>
    <message>
        <source>Adding or changing secrets needs one of the roles %1.</source>
        <translation>Du må ha en av rollene %1 for å legge til eller endre hemmeligheter.</translation>
    </message>
    <message>
        <source>Viewing secrets needs the %1 role.</source>
        <translation>Du må ha rollen %1 for å vise hemmeligheter.</translation>
    </message>
    <message>
        <source>Viewing secrets needs one of the roles %1.</source>
        <translation>Du må ha en av rollene %1 for å vise hemmeligheter.</translation>
    </message>
    <message>
        <source>This needs the %1 role.</source>
        <translation>Dette krever rollen %1.</translation>
    </message>
    <message>
        <source>This needs one of the roles %1.</source>
        <translation>Dette krever en av rollene %1.</translation>
    </message>
    <message>
        <source>The server no longer accepts this sign-in. Sign in again.</source>
        <translation>Serveren godtar ikke lenger denne påloggingen. Logg på igjen.</translation>
    </message>
    <message>
        <source>The server is still working on the same request. Try again in a moment.</source>
        <translation>Serveren behandler fortsatt den samme forespørselen. Prøv igjen om litt.</translation>
    </message>
    <message>
        <source>The server no longer knows the last sync position.</source>
        <translation>Serveren kjenner ikke lenger til det siste synkroniseringspunktet.</translation>
    </message>
    <message>
        <source>This secret was changed by someone else since you opened it. Reload and try again.</source>
        <translation>Denne hemmeligheten er endret av noen andre siden du åpnet den. Last inn på nytt og prøv igjen.</translation>
    </message>
    <message>
        <source>The server did not accept the value.</source>
        <translation>Serveren godtok ikke verdien.</translation>
    </message>
    <message>
        <source>The server could not unseal the value. Try again.</source>
        <translation>Serveren kunne ikke dekryptere verdien. Prøv igjen.</translation>
    </message>
    <message>
        <source>The server refused the request. Try again.</source>
        <translation>Serveren avviste forespørselen. Prøv igjen.</translation>
    </message>
    <message>
        <source>The server refused the request (HTTP %1).</source>
        <translation>Serveren avviste forespørselen (HTTP %1).</translation>
    </message>
    <message>
        <source>The server does not let this client use the Mint Config API.</source>
        <translation>Serveren gir ikke denne klienten tilgang til Mint Config-API-et.</translation>
    </message>
    <message>
        <source>The server could not complete the sign-in. Try again later.</source>
        <translation>Serveren kunne ikke fullføre påloggingen. Prøv igjen senere.</translation>
    </message>
    <message>
        <source>The token address is not a sign-in endpoint. Check the connection settings.</source>
        <translation>Tokenadressen er ikke et påloggingsendepunkt. Kontroller innstillingene for tilkoblingen.</translation>
    </message>
    <message>
        <source>other roles</source>
        <translation>andre roller</translation>
    </message>
</context>
<context>
    <name>BackendMenu</name>
    <message>
        <source>&amp;Backend</source>
        <translation>&amp;Kilde</translation>
    </message>
    <message>
        <source>&amp;Local vault</source>
        <translation>&amp;Lokalt hvelv</translation>
    </message>
    <message>
        <source>&amp;Manage connections…</source>
        <translation>&amp;Behandle tilkoblinger…</translation>
    </message>
    <message>
        <source>Show the secrets of the local vault file</source>
        <translation>Vis hemmelighetene i den lokale hvelvfilen</translation>
    </message>
    <message>
        <source>Add, change or remove connections to configuration services</source>
        <translation>Legg til, endre eller fjern tilkoblinger til konfigurasjonstjenester</translation>
    </message>
    <message>
        <source>Show the secrets of %1 (%2)</source>
        <translation>Vis hemmelighetene i %1 (%2)</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>Endre passord</translation>
    </message>
    <message>
        <source>Change the vault password</source>
        <translation>Endre passordet til hvelvet</translation>
    </message>
    <message>
        <source>Your secrets stay as they are; only the key that protects them is re-wrapped.</source>
        <translation>Hemmelighetene dine forblir som de er. Bare nøkkelen som beskytter dem, krypteres på nytt.</translation>
    </message>
    <message>
        <source>C&amp;hange password</source>
        <translation>&amp;Endre passord</translation>
    </message>
    <message>
        <source>C&amp;urrent password</source>
        <translation>&amp;Gjeldende passord</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>&amp;Nytt passord</translation>
    </message>
    <message>
        <source>Con&amp;firm new password</source>
        <translation>&amp;Bekreft nytt passord</translation>
    </message>
    <message>
        <source>Changing the password…</source>
        <translation>Endrer passordet…</translation>
    </message>
</context>
<context>
    <name>CliCommands</name>
    <message>
        <source>The vault file (default: %1).</source>
        <translation>Hvelvfilen (standard: %1).</translation>
    </message>
    <message>
        <source>path</source>
        <translation>sti</translation>
    </message>
    <message>
        <source>Read the password (and the value) from stdin instead of the terminal.</source>
        <translation>Les passordet (og verdien) fra stdin i stedet for fra terminalen.</translation>
    </message>
    <message>
        <source>list: print one JSON array of objects.</source>
        <translation>list: skriv ut én JSON-matrise med objekter.</translation>
    </message>
    <message>
        <source>init, passwd: calibrate the key derivation to about this many milliseconds.</source>
        <translation>init, passwd: kalibrer nøkkelavledningen til å ta omtrent så mange millisekunder.</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>init, passwd: accept key derivation below the minimum (tests and benchmarks only).</source>
        <translation>init, passwd: godta nøkkelavledning under minstekravet (bare for tester og ytelsesmålinger).</translation>
    </message>
    <message>
        <source>Language of the messages, e.g. nb or en (default: the system&apos;s).</source>
        <translation>Språket i meldingene, f.eks. nb eller en (standard: systemets språk).</translation>
    </message>
    <message>
        <source>language</source>
        <translation>språk</translation>
    </message>
    <message>
        <source>The command to run (see above).</source>
        <translation>Kommandoen som skal kjøres (se over).</translation>
    </message>
    <message>
        <source>&lt;command&gt; [arguments]</source>
        <translation>&lt;kommando&gt; [argumenter]</translation>
    </message>
    <message>
        <source>No command given. Run with --help to see the commands.</source>
        <translation>Ingen kommando er angitt. Kjør med --help for å se kommandoene.</translation>
    </message>
    <message>
        <source>The vault path is empty.</source>
        <translation>Stien til hvelvet er tom.</translation>
    </message>
    <message>
        <source>--kdf-time-ms needs a whole number from 1 to 60000.</source>
        <translation>--kdf-time-ms krever et heltall fra 1 til 60000.</translation>
    </message>
    <message>
        <source>--json applies to list only.</source>
        <translation>--json gjelder bare for list.</translation>
    </message>
    <message>
        <source>--kdf-time-ms and --allow-weak-kdf apply to init and passwd only.</source>
        <translation>--kdf-time-ms og --allow-weak-kdf gjelder bare for init og passwd.</translation>
    </message>
    <message>
        <source>Usage: mint-config-cli [--vault PATH] %1</source>
        <translation>Bruk: mint-config-cli [--vault PATH] %1</translation>
    </message>
    <message>
        <source>Unknown command “%1”. Run with --help to see the commands.</source>
        <translation>Ukjent kommando «%1». Kjør med --help for å se kommandoene.</translation>
    </message>
    <message>
        <source>New vault password: </source>
        <translation>Nytt hvelvpassord: </translation>
    </message>
    <message>
        <source>Repeat the new vault password: </source>
        <translation>Gjenta det nye hvelvpassordet: </translation>
    </message>
    <message>
        <source>Created vault %1
</source>
        <translation>Opprettet hvelvet %1
</translation>
    </message>
    <message>
        <source>REFERENCE ID</source>
        <translation>REFERANSE-ID</translation>
    </message>
    <message>
        <source>CREATED</source>
        <translation>OPPRETTET</translation>
    </message>
    <message>
        <source>UPDATED</source>
        <translation>OPPDATERT</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAVN</translation>
    </message>
    <message>
        <source>(damaged record: only delete is possible)</source>
        <translation>(skadet post: kan bare slettes)</translation>
    </message>
    <message>
        <source>Cancelled; nothing was deleted.</source>
        <translation>Avbrutt; ingenting ble slettet.</translation>
    </message>
    <message>
        <source>Current vault password: </source>
        <translation>Nåværende hvelvpassord: </translation>
    </message>
    <message>
        <source>Password changed.
</source>
        <translation>Passordet er endret.
</translation>
    </message>
    <message>
        <source>There is no vault at %1. Create one with: mint-config-cli --vault %1 init</source>
        <translation>Det finnes ikke noe hvelv på %1. Opprett et med: mint-config-cli --vault %1 init</translation>
    </message>
    <message>
        <source>Vault password: </source>
        <translation>Hvelvpassord: </translation>
    </message>
    <message>
        <source>There is no secret with this name.</source>
        <translation>Det finnes ingen hemmelighet med dette navnet.</translation>
    </message>
    <message>
        <source>--password-stdin: standard input has no password line.</source>
        <translation>--password-stdin: standard inndata inneholder ingen passordlinje.</translation>
    </message>
    <message>
        <source>There is no terminal to ask for the password on; use --password-stdin.</source>
        <translation>Ingen terminal er tilgjengelig for å be om passordet; bruk --password-stdin.</translation>
    </message>
    <message>
        <source>No password was entered.</source>
        <translation>Det ble ikke skrevet inn noe passord.</translation>
    </message>
    <message>
        <source>The password is longer than %1 bytes.</source>
        <translation>Passordet er lengre enn %1 byte.</translation>
    </message>
    <message>
        <source>The new password cannot be empty.</source>
        <translation>Det nye passordet kan ikke være tomt.</translation>
    </message>
    <message>
        <source>The passwords do not match; nothing was changed.</source>
        <translation>Passordene er ikke like; ingenting ble endret.</translation>
    </message>
    <message>
        <source>Value for “%1” (input hidden): </source>
        <translation>Verdi for «%1» (skjult inndata): </translation>
    </message>
    <message>
        <source>No value was entered.</source>
        <translation>Det ble ikke skrevet inn noen verdi.</translation>
    </message>
    <message>
        <source>%1 ms of key derivation is below the minimum allowed (scrypt N = 2^17); use a longer time, or --allow-weak-kdf for tests.</source>
        <translation>%1 ms nøkkelavledning er under minstekravet (scrypt N = 2^17); bruk lengre tid, eller --allow-weak-kdf for tester.</translation>
    </message>
    <message>
        <source>y</source>
        <comment>the one-letter answer yes</comment>
        <translation>j</translation>
    </message>
    <message>
        <source>Delete secret “%1”? Flows that reference it will fail. [%2/N] </source>
        <translation>Vil du slette hemmeligheten «%1»? Flyter som viser til den, vil mislykkes. [%2/N] </translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>Manage the secrets of a Mint Config vault.

Commands:
  init               Create a new vault (asks for its password twice).
  list [--json]      List names, reference IDs and dates (never values).
  add NAME           Add a secret; prints its reference ID.
  set-value NAME     Replace the value of a secret.
  rename NAME NEW    Rename a secret (its reference ID stays).
  delete NAME        Delete a secret (asks first on a terminal).
  passwd             Change the vault password.
  verify             Check the file and every record (never prints a value).

Passwords and values never come from arguments or the environment: they are asked
on the terminal with echo off, or read from stdin with --password-stdin (first line:
the password; for passwd a second line: the new one; for add and set-value the rest
of stdin, one trailing newline removed, is the value). Without --password-stdin a
value is read from stdin when stdin is not a terminal.

Exit codes: 0 success, 1 usage, 2 wrong password, 3 not found, name taken or
invalid input, 4 file errors.</source>
        <translation>Administrer hemmelighetene i et Mint Config-hvelv.

Kommandoer:
  init               Opprett et nytt hvelv (ber om passordet to ganger).
  list [--json]      Vis navn, referanse-ID-er og datoer (aldri verdier).
  add NAME           Legg til en hemmelighet; skriver ut referanse-ID-en.
  set-value NAME     Erstatt verdien til en hemmelighet.
  rename NAME NEW    Gi en hemmelighet nytt navn (referanse-ID-en beholdes).
  delete NAME        Slett en hemmelighet (ber om bekreftelse i en terminal).
  passwd             Endre hvelvpassordet.
  verify             Kontroller filen og hver post (skriver aldri ut en verdi).

Passord og verdier hentes aldri fra argumenter eller miljøet: du blir bedt om dem
i terminalen uten at det du skriver vises, eller de leses fra stdin med
--password-stdin (første linje: passordet; for passwd en andre linje: det nye
passordet; for add og set-value er resten av stdin verdien, med ett avsluttende
linjeskift fjernet). Uten --password-stdin leses en verdi fra stdin når stdin ikke
er en terminal.

Avslutningskoder: 0 vellykket, 1 feil bruk, 2 feil passord, 3 ikke funnet, navnet
er i bruk eller ugyldige inndata, 4 filfeil.</translation>
    </message>
    <message>
        <source>The file structure and every record are intact (%1 checked).</source>
        <translation>Filstrukturen og alle postene er intakte (%1 kontrollert).</translation>
    </message>
    <message>
        <source>File structure: %1</source>
        <translation>Filstruktur: %1</translation>
    </message>
    <message>
        <source>name damaged</source>
        <translation>navnet er skadet</translation>
    </message>
    <message>
        <source>name index does not match</source>
        <translation>navneindeksen stemmer ikke</translation>
    </message>
    <message>
        <source>value damaged</source>
        <translation>verdien er skadet</translation>
    </message>
    <message>
        <source>The vault file&apos;s structure is damaged (see above), although every record is intact. Restore it from a backup.</source>
        <translation>Strukturen i hvelvfilen er skadet (se over), selv om alle postene er intakte. Gjenopprett filen fra en sikkerhetskopi.</translation>
    </message>
    <message>
        <source>Damaged or tampered with: %1 of %2 records (listed above). Delete them in Mint Config, or replace a damaged value with a new one.</source>
        <translation>Skadet eller manipulert: %1 av %2 poster (listet over). Slett dem i Mint Config, eller erstatt en skadet verdi med en ny.</translation>
    </message>
</context>
<context>
    <name>ConnectionStatus</name>
    <message>
        <source>Syncing</source>
        <translation>Synkroniserer</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Ikke synkronisert ennå</translation>
    </message>
    <message>
        <source>Last synced %1</source>
        <translation>Sist synkronisert %1</translation>
    </message>
    <message>
        <source>Unlocked</source>
        <translation>Låst opp</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Låst</translation>
    </message>
    <message>
        <source>Vault unlocked</source>
        <translation>Hvelvet er låst opp</translation>
    </message>
    <message>
        <source>Vault locked</source>
        <translation>Hvelvet er låst</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Kobler til…</translation>
    </message>
    <message>
        <source>Connecting to %1</source>
        <translation>Kobler til %1</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Tilkoblet</translation>
    </message>
    <message>
        <source>Online: connected to %1</source>
        <translation>Tilkoblet til %1</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Frakoblet</translation>
    </message>
    <message>
        <source>Offline: showing the last synced copy of %1</source>
        <translation>Frakoblet: viser den sist synkroniserte kopien av %1</translation>
    </message>
    <message>
        <source>Last confirmed by the server on %1</source>
        <translation>Sist bekreftet av serveren %1</translation>
    </message>
</context>
<context>
    <name>ConnectionsDialog</name>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Legg til</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Fjern</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bla gjennom…</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Test tilkobling</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Tilkoblinger</translation>
    </message>
    <message>
        <source>Connect to a Mint configuration service with an OAuth client. The client secret is kept in the system keychain, never in the settings.</source>
        <translation>Koble til en Mint-konfigurasjonstjeneste med en OAuth-klient. Klienthemmeligheten lagres i systemets nøkkelring, aldri i innstillingene.</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>La&amp;gre</translation>
    </message>
    <message>
        <source>Add a connection</source>
        <translation>Legg til en tilkobling</translation>
    </message>
    <message>
        <source>Remove the selected connection</source>
        <translation>Fjern den valgte tilkoblingen</translation>
    </message>
    <message>
        <source>No connections yet. Choose Add to connect to a configuration service.</source>
        <translation>Ingen tilkoblinger ennå. Velg «Legg til» for å koble til en konfigurasjonstjeneste.</translation>
    </message>
    <message>
        <source>For example: Production</source>
        <translation>For eksempel: Produksjon</translation>
    </message>
    <message>
        <source>Optional: a PEM file for a self-hosted server</source>
        <translation>Valgfritt: en PEM-fil for en server du drifter selv</translation>
    </message>
    <message>
        <source>Browse for the CA certificate file</source>
        <translation>Bla gjennom for å finne CA-sertifikatfilen</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Navn</translation>
    </message>
    <message>
        <source>T&amp;oken address</source>
        <translation>T&amp;okenadresse</translation>
    </message>
    <message>
        <source>Client &amp;ID</source>
        <translation>Klient-&amp;ID</translation>
    </message>
    <message>
        <source>Client s&amp;ecret</source>
        <translation>&amp;Klienthemmelighet</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>CA-sertifikatfil</translation>
    </message>
    <message>
        <source>CA certificate</source>
        <translation>CA-sertifikat</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Sertifikater (*.pem *.crt *.cer);;Alle filer (*)</translation>
    </message>
    <message>
        <source>Stored in the system keychain, never in the settings.</source>
        <translation>Lagres i systemets nøkkelring, aldri i innstillingene.</translation>
    </message>
    <message>
        <source>The system keychain is not available: you will be asked for the client secret each time.</source>
        <translation>Systemets nøkkelring er ikke tilgjengelig: du blir bedt om klienthemmeligheten hver gang.</translation>
    </message>
    <message>
        <source>Entered: stored when you save</source>
        <translation>Skrevet inn: lagres når du velger Lagre</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored secret</source>
        <translation>La stå tomt for å beholde den lagrede hemmeligheten</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(uten navn)</translation>
    </message>
    <message>
        <source>Another connection is already named “%1”.</source>
        <translation>En annen tilkobling heter allerede «%1».</translation>
    </message>
    <message>
        <source>Remove connection</source>
        <translation>Fjern tilkobling</translation>
    </message>
    <message>
        <source>Remove the connection “%1”?</source>
        <translation>Vil du fjerne tilkoblingen «%1»?</translation>
    </message>
    <message>
        <source>Its client secret is removed from the system keychain and its offline copy from this computer. The secrets on the server are not affected.</source>
        <translation>Klienthemmeligheten fjernes fra systemets nøkkelring, og kopien for frakoblet bruk slettes fra denne datamaskinen. Hemmelighetene på serveren berøres ikke.</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Fjern</translation>
    </message>
    <message>
        <source>Enter the client secret to test the connection.</source>
        <translation>Skriv inn klienthemmeligheten for å teste tilkoblingen.</translation>
    </message>
    <message>
        <source>Reading the client secret from the system keychain…</source>
        <translation>Leser klienthemmeligheten fra systemets nøkkelring…</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Tester tilkoblingen…</translation>
    </message>
    <message>
        <source>no role</source>
        <translation>ingen rolle</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between roles</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>Connected as %1 — %2: %3</source>
        <translation>Tilkoblet som %1 — %2: %3</translation>
    </message>
    <message>
        <source>Storing the client secret in the system keychain…</source>
        <translation>Lagrer klienthemmeligheten i systemets nøkkelring…</translation>
    </message>
    <message>
        <source>The connections were saved, but the client secret was not: %1</source>
        <translation>Tilkoblingene ble lagret, men ikke klienthemmeligheten: %1</translation>
    </message>
    <message>
        <source>A&amp;PI address</source>
        <translation>A&amp;PI-adresse</translation>
    </message>
    <message>
        <source>CA ce&amp;rtificate</source>
        <translation>CA-se&amp;rtifikat</translation>
    </message>
</context>
<context>
    <name>CreateVaultDialog</name>
    <message>
        <source>Create vault</source>
        <translation>Opprett hvelv</translation>
    </message>
    <message>
        <source>Create a vault</source>
        <translation>Opprett et hvelv</translation>
    </message>
    <message>
        <source>There is no vault at %1 yet. Choose a password to protect it. Nobody can recover your secrets if you forget it.</source>
        <translation>Hvelvet %1 finnes ikke ennå. Velg et passord som beskytter det. Ingen kan gjenopprette hemmelighetene dine hvis du glemmer passordet.</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Passord</translation>
    </message>
    <message>
        <source>Con&amp;firm password</source>
        <translation>&amp;Bekreft passord</translation>
    </message>
    <message>
        <source>Creating the vault…</source>
        <translation>Oppretter hvelvet…</translation>
    </message>
    <message>
        <source>C&amp;reate vault</source>
        <translation>&amp;Opprett hvelv</translation>
    </message>
</context>
<context>
    <name>CredentialStore</name>
    <message>
        <source>access was denied</source>
        <translation>tilgang ble nektet</translation>
    </message>
    <message>
        <source>no keychain service was found</source>
        <translation>fant ingen nøkkelringtjeneste</translation>
    </message>
    <message>
        <source>an unknown error occurred</source>
        <translation>det oppstod en ukjent feil</translation>
    </message>
    <message>
        <source>it did not answer in time</source>
        <translation>den svarte ikke i tide</translation>
    </message>
    <message>
        <source>The system keychain is not available: %1; nothing can be remembered, so you will be asked each time.</source>
        <translation>Systemets nøkkelring er ikke tilgjengelig: %1. Ingenting kan huskes, så du blir spurt hver gang.</translation>
    </message>
</context>
<context>
    <name>DeleteSecretDialog</name>
    <message>
        <source>Delete secret</source>
        <translation>Slett hemmelighet</translation>
    </message>
    <message>
        <source>Delete this damaged secret?</source>
        <translation>Vil du slette denne skadde hemmeligheten?</translation>
    </message>
    <message>
        <source>Delete “%1”?</source>
        <translation>Vil du slette «%1»?</translation>
    </message>
    <message>
        <source>This cannot be undone. Flows that import this secret (reference ID %1) will fail at runtime until you update them.</source>
        <translation>Dette kan ikke angres. Flyter som importerer denne hemmeligheten (referanse-ID %1), vil feile ved kjøring til du oppdaterer dem.</translation>
    </message>
    <message>
        <source>&amp;Delete secret</source>
        <translation>&amp;Slett hemmelighet</translation>
    </message>
    <message>
        <source>Name of the secret, to confirm</source>
        <translation>Navnet på hemmeligheten, som bekreftelse</translation>
    </message>
    <message>
        <source>Type “%1” &amp;to confirm</source>
        <translation>Skriv «%1» for å &amp;bekrefte</translation>
    </message>
    <message>
        <source>%1 — step “%2”</source>
        <translation>%1 — steg «%2»</translation>
    </message>
    <message>
        <source>%1 — step “%2” (%3)</source>
        <translation>%1 — steg «%2» (%3)</translation>
    </message>
    <message>
        <source>Looking for flows that use this secret…</source>
        <translation>Ser etter flyter som bruker denne hemmeligheten…</translation>
    </message>
    <message>
        <source>The flows that use this secret could not be listed. %1</source>
        <translation>Kunne ikke hente listen over flyter som bruker denne hemmeligheten. %1</translation>
    </message>
    <message>
        <source>No flow uses this secret.</source>
        <translation>Ingen flyter bruker denne hemmeligheten.</translation>
    </message>
    <message numerus="yes">
        <source>These flows use it and will fail at runtime until you update them (%n):</source>
        <translation>
            <numerusform>Denne flyten bruker hemmeligheten og vil feile ved kjøring til du oppdaterer den (%n):</numerusform>
            <numerusform>Disse flytene bruker hemmeligheten og vil feile ved kjøring til du oppdaterer dem (%n):</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleting…</source>
        <translation>Sletter…</translation>
    </message>
    <message>
        <source>This secret was changed by someone else since you opened this dialog: look at it again before you delete it.</source>
        <translation>Denne hemmeligheten er endret av noen andre etter at du åpnet denne dialogboksen: se over den igjen før du sletter den.</translation>
    </message>
</context>
<context>
    <name>EditSecretDialog</name>
    <message>
        <source>&amp;Reload</source>
        <translation>Last &amp;inn på nytt</translation>
    </message>
    <message>
        <source>Edit secret</source>
        <translation>Rediger hemmelighet</translation>
    </message>
    <message>
        <source>Renaming does not break flows: they import the secret by its reference ID. A new value is used by every flow that imports the secret.</source>
        <translation>Flyter slutter ikke å virke om du gir hemmeligheten nytt navn: de importerer den via referanse-ID-en. En ny verdi tas i bruk av alle flyter som importerer hemmeligheten.</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>Lagre &amp;endringer</translation>
    </message>
    <message>
        <source>Reference ID</source>
        <translation>Referanse-ID</translation>
    </message>
    <message>
        <source>Secret &amp;name</source>
        <translation>Hemmelighets&amp;navn</translation>
    </message>
    <message>
        <source>New secret &amp;value</source>
        <translation>Ny hemmelighets&amp;verdi</translation>
    </message>
    <message>
        <source>Leave empty to keep the current value</source>
        <translation>La stå tomt for å beholde gjeldende verdi</translation>
    </message>
    <message>
        <source>Reload the secret</source>
        <translation>Last inn hemmeligheten på nytt</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Lagrer…</translation>
    </message>
    <message>
        <source>This secret was changed by someone else.</source>
        <translation>Denne hemmeligheten er endret av noen andre.</translation>
    </message>
    <message>
        <source>Reloading…</source>
        <translation>Laster inn på nytt…</translation>
    </message>
    <message>
        <source>Someone else deleted this secret.</source>
        <translation>Noen andre har slettet denne hemmeligheten.</translation>
    </message>
    <message>
        <source>Reloaded: this is the current version, now named “%1”. Make your changes again and save.</source>
        <translation>Lastet inn på nytt: dette er gjeldende versjon, som nå heter «%1». Gjør endringene på nytt og lagre.</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Working</source>
        <translation>Arbeider</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
</context>
<context>
    <name>LocalVaultStore</name>
    <message>
        <source>Local vault (%1)</source>
        <translation>Lokalt hvelv (%1)</translation>
    </message>
</context>
<context>
    <name>LockedPage</name>
    <message>
        <source>Vault locked</source>
        <translation>Hvelvet er låst</translation>
    </message>
    <message>
        <source>&amp;Unlock…</source>
        <translation>&amp;Lås opp…</translation>
    </message>
    <message>
        <source>Unlock the vault</source>
        <translation>Lås opp hvelvet</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Ikke pålogget</translation>
    </message>
    <message>
        <source>Sign in to %1 to see and manage its secrets.</source>
        <translation>Logg på %1 for å se og behandle hemmelighetene der.</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>&amp;Logg på…</translation>
    </message>
    <message>
        <source>Sign in to %1</source>
        <translation>Logg på %1</translation>
    </message>
    <message>
        <source>Unlock the vault %1 to see and manage its secrets.</source>
        <translation>Lås opp hvelvet %1 for å se og behandle hemmelighetene.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Locked after a period without input.</source>
        <translation>Låst etter en periode uten aktivitet.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fil</translation>
    </message>
    <message>
        <source>&amp;New vault…</source>
        <translation>&amp;Nytt hvelv…</translation>
    </message>
    <message>
        <source>&amp;Open vault…</source>
        <translation>&amp;Åpne hvelv…</translation>
    </message>
    <message>
        <source>&amp;Change password…</source>
        <translation>&amp;Endre passord…</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Lås</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avslutt</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Rediger</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Innstillinger…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Vis</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Oppdater</translation>
    </message>
    <message>
        <source>Fetch what changed on the server</source>
        <translation>Hent endringene fra serveren</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hjelp</translation>
    </message>
    <message>
        <source>&amp;About Mint Config</source>
        <translation>&amp;Om Mint Config</translation>
    </message>
    <message>
        <source>%1 (locked)</source>
        <translation>%1 (låst)</translation>
    </message>
    <message>
        <source>%1 (offline)</source>
        <translation>%1 (frakoblet)</translation>
    </message>
    <message>
        <source>%1 — Mint Config</source>
        <translation>%1 — Mint Config</translation>
    </message>
    <message numerus="yes">
        <source>%n secret(s)</source>
        <translation>
            <numerusform>%n hemmelighet</numerusform>
            <numerusform>%n hemmeligheter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n secret(s) shown</source>
        <translation>
            <numerusform>Viser %1 av %n hemmelighet</numerusform>
            <numerusform>Viser %1 av %n hemmeligheter</numerusform>
        </translation>
    </message>
    <message>
        <source>New vault</source>
        <translation>Nytt hvelv</translation>
    </message>
    <message>
        <source>Open vault</source>
        <translation>Åpne hvelv</translation>
    </message>
    <message>
        <source>Mint vaults (*.mintvault);;All files (*)</source>
        <translation>Mint-hvelv (*.mintvault);;Alle filer (*)</translation>
    </message>
    <message>
        <source>That connection no longer exists.</source>
        <translation>Tilkoblingen finnes ikke lenger.</translation>
    </message>
    <message>
        <source>Password changed.</source>
        <translation>Passordet er endret.</translation>
    </message>
</context>
<context>
    <name>NameRules</name>
    <message>
        <source>Enter a name.</source>
        <translation>Skriv inn et navn.</translation>
    </message>
    <message>
        <source>The name is longer than %1 characters.</source>
        <translation>Navnet er lengre enn %1 tegn.</translation>
    </message>
    <message>
        <source>The name contains a control character (such as a tab or line break).</source>
        <translation>Navnet inneholder et kontrolltegn (for eksempel tabulator eller linjeskift).</translation>
    </message>
</context>
<context>
    <name>NewPasswordFields</name>
    <message>
        <source>The passwords do not match.</source>
        <translation>Passordene er ikke like.</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <source>Offline — showing the last synced copy (read-only)</source>
        <translation>Frakoblet — viser den sist synkroniserte kopien (skrivebeskyttet)</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Prøv igjen</translation>
    </message>
    <message>
        <source>Retry connecting</source>
        <translation>Prøv å koble til igjen</translation>
    </message>
    <message>
        <source>Try to reach the server again</source>
        <translation>Prøv å nå serveren igjen</translation>
    </message>
</context>
<context>
    <name>PasswordStrength</name>
    <message numerus="yes">
        <source>Use at least %n character(s); a few unrelated words work well.</source>
        <translation>
            <numerusform>Bruk minst %n tegn. Noen få ord som ikke hører sammen, fungerer godt.</numerusform>
            <numerusform>Bruk minst %n tegn. Noen få ord som ikke hører sammen, fungerer godt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too short: use at least %n character(s).</source>
        <translation>
            <numerusform>For kort: bruk minst %n tegn.</numerusform>
            <numerusform>For kort: bruk minst %n tegn.</numerusform>
        </translation>
    </message>
    <message>
        <source>Weak: add length or another word to make it strong.</source>
        <translation>Svakt: gjør det lengre eller legg til et ord, så blir det sterkt.</translation>
    </message>
    <message>
        <source>Fair: a little more length makes it strong.</source>
        <translation>Middels: gjør det litt lengre, så blir det sterkt.</translation>
    </message>
    <message>
        <source>Strong password.</source>
        <translation>Sterkt passord.</translation>
    </message>
</context>
<context>
    <name>PermissionText</name>
    <message>
        <source>can view, change and delete secrets</source>
        <translation>kan se, endre og slette hemmeligheter</translation>
    </message>
    <message>
        <source>can view and change secrets</source>
        <translation>kan se og endre hemmeligheter</translation>
    </message>
    <message>
        <source>can view and delete secrets</source>
        <translation>kan se og slette hemmeligheter</translation>
    </message>
    <message>
        <source>can view secrets</source>
        <translation>kan se hemmeligheter</translation>
    </message>
    <message>
        <source>can change secrets but not view them</source>
        <translation>kan endre hemmeligheter, men ikke se dem</translation>
    </message>
    <message>
        <source>has no access to secrets</source>
        <translation>har ikke tilgang til hemmeligheter</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between roles</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>%1 or %2</source>
        <comment>the last of several roles</comment>
        <translation>%1 eller %2</translation>
    </message>
    <message>
        <source>You do not have permission to view secrets.</source>
        <translation>Du har ikke tillatelse til å se hemmeligheter.</translation>
    </message>
    <message>
        <source>You do not have permission to add secrets.</source>
        <translation>Du har ikke tillatelse til å legge til hemmeligheter.</translation>
    </message>
    <message>
        <source>You do not have permission to change secrets.</source>
        <translation>Du har ikke tillatelse til å endre hemmeligheter.</translation>
    </message>
    <message>
        <source>You do not have permission to delete secrets.</source>
        <translation>Du har ikke tillatelse til å slette hemmeligheter.</translation>
    </message>
    <message>
        <source>Viewing secrets needs the %1 role.</source>
        <translation>Du må ha rollen %1 for å se hemmeligheter.</translation>
    </message>
    <message>
        <source>Adding secrets needs the %1 role.</source>
        <translation>Du må ha rollen %1 for å legge til hemmeligheter.</translation>
    </message>
    <message>
        <source>Changing secrets needs the %1 role.</source>
        <translation>Du må ha rollen %1 for å endre hemmeligheter.</translation>
    </message>
    <message>
        <source>Deleting secrets needs the %1 role.</source>
        <translation>Du må ha rollen %1 for å slette hemmeligheter.</translation>
    </message>
    <message>
        <source>Offline: changes are not possible.</source>
        <translation>Frakoblet: du kan ikke gjøre endringer.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Innstillinger</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lagre</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Aldri</translation>
    </message>
    <message>
        <source> min</source>
        <comment>minutes</comment>
        <translation> min</translation>
    </message>
    <message>
        <source>&amp;Lock the vault after this much time without input</source>
        <translation>Lås &amp;hvelvet etter så lang tid uten aktivitet</translation>
    </message>
    <message numerus="yes">
        <source>Copied values are cleared from the clipboard after %n second(s).</source>
        <translation>
            <numerusform>Kopierte verdier fjernes fra utklippstavlen etter %n sekund.</numerusform>
            <numerusform>Kopierte verdier fjernes fra utklippstavlen etter %n sekunder.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RemoteApiStore</name>
    <message>
        <source>The server address must start with https:// (plain http:// is allowed only to this computer).</source>
        <translation>Serveradressen må begynne med https:// (ukryptert http:// er bare tillatt mot denne datamaskinen).</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The request was abandoned because the connection was closed.</source>
        <translation>Forespørselen ble avbrutt fordi tilkoblingen ble lukket.</translation>
    </message>
    <message>
        <source>The server&apos;s sealing key is not usable, so no value can be sent.</source>
        <translation>Krypteringsnøkkelen til serveren kan ikke brukes, så ingen verdier kan sendes.</translation>
    </message>
    <message>
        <source>The value could not be sealed to the server&apos;s key.</source>
        <translation>Verdien kunne ikke krypteres med nøkkelen til serveren.</translation>
    </message>
    <message>
        <source>The server sent secrets in a form this app does not understand.</source>
        <translation>Serveren sendte hemmeligheter i et format som dette programmet ikke forstår.</translation>
    </message>
</context>
<context>
    <name>RemoteProfile</name>
    <message>
        <source>Enter a name for this connection.</source>
        <translation>Skriv inn et navn på denne tilkoblingen.</translation>
    </message>
    <message>
        <source>Enter the API address, for example https://config.example.com/mint/v1.</source>
        <translation>Skriv inn API-adressen, for eksempel https://config.example.com/mint/v1.</translation>
    </message>
    <message>
        <source>The API address must start with https:// (plain http:// is allowed only to this computer).</source>
        <translation>API-adressen må begynne med https:// (ukryptert http:// er bare tillatt mot denne datamaskinen).</translation>
    </message>
    <message>
        <source>The token address must start with https:// (plain http:// is allowed only to this computer).</source>
        <translation>Tokenadressen må begynne med https:// (ukryptert http:// er bare tillatt mot denne datamaskinen).</translation>
    </message>
    <message>
        <source>Enter the client ID.</source>
        <translation>Skriv inn klient-ID-en.</translation>
    </message>
    <message>
        <source>The CA certificate file cannot be read.</source>
        <translation>CA-sertifikatfilen kan ikke leses.</translation>
    </message>
</context>
<context>
    <name>SecretValueEditor</name>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Generer</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>&amp;Kopier</translation>
    </message>
    <message>
        <source>Secret value</source>
        <translation>Hemmelighetsverdi</translation>
    </message>
    <message>
        <source>Value size</source>
        <translation>Størrelse på verdien</translation>
    </message>
    <message>
        <source>Generate a random value</source>
        <translation>Generer en tilfeldig verdi</translation>
    </message>
    <message>
        <source>Replace the value with a new random one</source>
        <translation>Erstatt verdien med en ny tilfeldig verdi</translation>
    </message>
    <message>
        <source>Generated length</source>
        <translation>Lengde på generert verdi</translation>
    </message>
    <message>
        <source> chars</source>
        <comment>generated value length</comment>
        <translation> tegn</translation>
    </message>
    <message>
        <source>Generated character set</source>
        <translation>Tegnsett for generert verdi</translation>
    </message>
    <message>
        <source>URL-safe</source>
        <translation>URL-sikker</translation>
    </message>
    <message>
        <source>Letters and digits</source>
        <translation>Bokstaver og sifre</translation>
    </message>
    <message>
        <source>Hexadecimal</source>
        <translation>Heksadesimal</translation>
    </message>
    <message>
        <source>Printable ASCII</source>
        <translation>Utskrivbar ASCII</translation>
    </message>
    <message>
        <source>A–Z a–z 0–9 - _  (safe in headers, URLs and JSON)</source>
        <translation>A–Z a–z 0–9 - _  (kan brukes i HTTP-hoder, URL-er og JSON)</translation>
    </message>
    <message>
        <source>A–Z a–z 0–9</source>
        <translation>A–Z a–z 0–9</translation>
    </message>
    <message>
        <source>0–9 a–f</source>
        <translation>0–9 a–f</translation>
    </message>
    <message>
        <source>Every printable ASCII character except space</source>
        <translation>Alle utskrivbare ASCII-tegn unntatt mellomrom</translation>
    </message>
    <message>
        <source>Copy the value</source>
        <translation>Kopier verdien</translation>
    </message>
    <message numerus="yes">
        <source>Copy the value; the clipboard is cleared after %n second(s)</source>
        <translation>
            <numerusform>Kopier verdien (utklippstavlen tømmes etter %n sekund)</numerusform>
            <numerusform>Kopier verdien (utklippstavlen tømmes etter %n sekunder)</numerusform>
        </translation>
    </message>
    <message>
        <source>C&amp;haracters</source>
        <translation>&amp;Tegnsett</translation>
    </message>
    <message>
        <source>The clipboard was cleared.</source>
        <translation>Utklippstavlen er tømt.</translation>
    </message>
    <message>
        <source>%1 of %2 bytes</source>
        <translation>%1 av %2 byte</translation>
    </message>
    <message>
        <source>The value is larger than 64 KiB. Shorten it to save.</source>
        <translation>Verdien er større enn 64 KiB. Gjør den kortere for å kunne lagre.</translation>
    </message>
    <message numerus="yes">
        <source>Copied. The clipboard is cleared in %n second(s).</source>
        <translation>
            <numerusform>Kopiert. Utklippstavlen tømmes om %n sekund.</numerusform>
            <numerusform>Kopiert. Utklippstavlen tømmes om %n sekunder.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>Klipp &amp;ut</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopier</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Lim inn</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>Merk &amp;alt</translation>
    </message>
    <message>
        <source>Enter starts a new line; %1 saves.</source>
        <translation>Enter gir ny linje; %1 lagrer.</translation>
    </message>
    <message>
        <source>&amp;Length</source>
        <translation>&amp;Lengde</translation>
    </message>
</context>
<context>
    <name>SecretsPage</name>
    <message>
        <source>&amp;Add secret…</source>
        <translation>&amp;Legg til hemmelighet…</translation>
    </message>
    <message>
        <source>&amp;Edit secret…</source>
        <translation>&amp;Rediger hemmelighet…</translation>
    </message>
    <message>
        <source>&amp;Delete secret…</source>
        <translation>&amp;Slett hemmelighet…</translation>
    </message>
    <message>
        <source>&amp;Copy reference ID</source>
        <translation>&amp;Kopier referanse-ID</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Finn</translation>
    </message>
    <message>
        <source>&amp;Add secret</source>
        <translation>&amp;Legg til hemmelighet</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Slett</translation>
    </message>
    <message>
        <source>Add &amp;secret</source>
        <translation>Legg &amp;til hemmelighet</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>Hemmeligheter</translation>
    </message>
    <message>
        <source>Secrets allow you to store sensitive data, such as access tokens, signatures or secure keys, that you want to hide from view and reuse across different flows.</source>
        <translation>Hemmeligheter lar deg lagre sensitive data, for eksempel tilgangstokener, signaturer eller sikre nøkler, som du vil holde skjult og bruke om igjen i ulike flyter.</translation>
    </message>
    <message>
        <source>Add secret</source>
        <translation>Legg til hemmelighet</translation>
    </message>
    <message>
        <source>Search by name or reference ID</source>
        <translation>Søk etter navn eller referanse-ID</translation>
    </message>
    <message>
        <source>Search secrets</source>
        <translation>Søk i hemmeligheter</translation>
    </message>
    <message>
        <source>Edit the selected secret</source>
        <translation>Rediger den valgte hemmeligheten</translation>
    </message>
    <message>
        <source>Delete the selected secret</source>
        <translation>Slett den valgte hemmeligheten</translation>
    </message>
    <message>
        <source>No secrets yet</source>
        <translation>Ingen hemmeligheter ennå</translation>
    </message>
    <message>
        <source>C&amp;lear search</source>
        <translation>&amp;Tøm søket</translation>
    </message>
    <message>
        <source>Secret “%1” added.</source>
        <translation>Hemmeligheten «%1» er lagt til.</translation>
    </message>
    <message>
        <source>Secret “%1” saved.</source>
        <translation>Hemmeligheten «%1» er lagret.</translation>
    </message>
    <message>
        <source>Secret “%1” deleted.</source>
        <translation>Hemmeligheten «%1» er slettet.</translation>
    </message>
    <message>
        <source>Reference ID copied.</source>
        <translation>Referanse-ID-en er kopiert.</translation>
    </message>
    <message>
        <source>Store access tokens, signing keys and other credentials here and reuse them in your flows. A value is visible only while you create it.</source>
        <translation>Lagre tilgangstokener, signeringsnøkler og annen legitimasjon her, og bruk dem om igjen i flytene dine. En verdi er bare synlig mens du oppretter den.</translation>
    </message>
    <message>
        <source>No secret matches “%1”.</source>
        <translation>Ingen hemmeligheter samsvarer med «%1».</translation>
    </message>
    <message>
        <source>Add a secret (%1)</source>
        <translation>Legg til en hemmelighet (%1)</translation>
    </message>
    <message>
        <source>Select a secret to edit it.</source>
        <translation>Velg en hemmelighet for å redigere den.</translation>
    </message>
    <message>
        <source>A damaged secret cannot be edited, only deleted.</source>
        <translation>En skadet hemmelighet kan ikke redigeres, bare slettes.</translation>
    </message>
    <message>
        <source>Edit the selected secret (%1)</source>
        <translation>Rediger den valgte hemmeligheten (%1)</translation>
    </message>
    <message>
        <source>Delete the selected secret (%1)</source>
        <translation>Slett den valgte hemmeligheten (%1)</translation>
    </message>
    <message>
        <source>Select a secret to delete it.</source>
        <translation>Velg en hemmelighet for å slette den.</translation>
    </message>
    <message>
        <source>Ed&amp;it</source>
        <translation>R&amp;ediger</translation>
    </message>
    <message>
        <source>Damaged secret deleted.</source>
        <translation>Den skadde hemmeligheten er slettet.</translation>
    </message>
</context>
<context>
    <name>SecretsTableModel</name>
    <message>
        <source>Damaged record</source>
        <translation>Skadet post</translation>
    </message>
    <message>
        <source>This record failed its integrity check: it was damaged or tampered with. It can only be deleted.</source>
        <translation>Denne posten besto ikke integritetskontrollen: den er skadet eller manipulert. Den kan bare slettes.</translation>
    </message>
    <message>
        <source>Flows import the secret by this ID, so renaming it breaks nothing.</source>
        <translation>Flyter importerer hemmeligheten via denne ID-en, så ingenting slutter å virke om du gir den nytt navn.</translation>
    </message>
    <message>
        <source>The value is hidden: it cannot be shown after it was created, only replaced.</source>
        <translation>Verdien er skjult: den kan ikke vises etter at den er opprettet, bare erstattes.</translation>
    </message>
    <message>
        <source>hidden value</source>
        <translation>skjult verdi</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Navn</translation>
    </message>
    <message>
        <source>Reference ID</source>
        <translation>Referanse-ID</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Verdi</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Opprettet</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Oppdatert</translation>
    </message>
</context>
<context>
    <name>SelfTest</name>
    <message>
        <source>The encryption library failed its start-up self-test (%1), so Mint Config will not run. Reinstall Mint Config or repair its OpenSSL library.</source>
        <translation>Krypteringsbiblioteket besto ikke selvtesten ved oppstart (%1), så Mint Config vil ikke kjøre. Installer Mint Config på nytt eller reparer OpenSSL-biblioteket.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>&amp;Remember in the system keychain</source>
        <translation>&amp;Husk i systemets nøkkelring</translation>
    </message>
    <message>
        <source>Sign in to %1</source>
        <translation>Logg på %1</translation>
    </message>
    <message>
        <source>Enter the client secret of the client “%1” for %2.</source>
        <translation>Skriv inn klienthemmeligheten til klienten «%1» for %2.</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Logg på</translation>
    </message>
    <message>
        <source>Only the system keychain keeps it; it is never written to the settings.</source>
        <translation>Den lagres bare i systemets nøkkelring, aldri i innstillingene.</translation>
    </message>
    <message>
        <source>The system keychain is not available: you will be asked for the client secret each time.</source>
        <translation>Systemets nøkkelring er ikke tilgjengelig: du blir bedt om klienthemmeligheten hver gang.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Logger på…</translation>
    </message>
    <message>
        <source>Saving in the system keychain…</source>
        <translation>Lagrer i systemets nøkkelring…</translation>
    </message>
    <message>
        <source>Client s&amp;ecret</source>
        <translation>&amp;Klienthemmelighet</translation>
    </message>
</context>
<context>
    <name>StoreError</name>
    <message>
        <source>The password is not correct for this vault.</source>
        <translation>Passordet er ikke riktig for dette hvelvet.</translation>
    </message>
    <message>
        <source>This file is not a Mint Config vault.</source>
        <translation>Denne filen er ikke et Mint Config-hvelv.</translation>
    </message>
    <message>
        <source>This vault was written by a newer version of Mint Config. Update the app to open it.</source>
        <translation>Dette hvelvet er lagret med en nyere versjon av Mint Config. Oppdater programmet for å åpne det.</translation>
    </message>
    <message>
        <source>The vault file is damaged or incomplete; nothing was changed.</source>
        <translation>Hvelvfilen er skadet eller ufullstendig; ingenting ble endret.</translation>
    </message>
    <message>
        <source>This secret&apos;s record is damaged or was tampered with; it can only be deleted.</source>
        <translation>Posten for denne hemmeligheten er skadet eller manipulert; den kan bare slettes.</translation>
    </message>
    <message>
        <source>A vault already exists at this location.</source>
        <translation>Det finnes allerede et hvelv på dette stedet.</translation>
    </message>
    <message>
        <source>The vault is locked. Unlock it first.</source>
        <translation>Hvelvet er låst. Lås det opp først.</translation>
    </message>
    <message>
        <source>A secret with this name already exists (names ignore case).</source>
        <translation>Det finnes allerede en hemmelighet med dette navnet (navn skiller ikke mellom store og små bokstaver).</translation>
    </message>
    <message>
        <source>The name is not valid.</source>
        <translation>Navnet er ugyldig.</translation>
    </message>
    <message>
        <source>Enter a value: a secret cannot be empty.</source>
        <translation>Skriv inn en verdi: en hemmelighet kan ikke være tom.</translation>
    </message>
    <message>
        <source>The value is larger than 64 KiB.</source>
        <translation>Verdien er større enn 64 KiB.</translation>
    </message>
    <message>
        <source>This secret was changed elsewhere since you opened it. Reload and try again.</source>
        <translation>Denne hemmeligheten er endret et annet sted siden du åpnet den. Last inn på nytt og prøv igjen.</translation>
    </message>
    <message>
        <source>This secret no longer exists.</source>
        <translation>Denne hemmeligheten finnes ikke lenger.</translation>
    </message>
    <message>
        <source>The key derivation settings are weaker than the minimum allowed.</source>
        <translation>Innstillingene for nøkkelavledning er svakere enn minstekravet.</translation>
    </message>
    <message>
        <source>You do not have permission to do this.</source>
        <translation>Du har ikke tillatelse til å gjøre dette.</translation>
    </message>
    <message>
        <source>The vault file could not be read or written.</source>
        <translation>Kunne ikke lese eller skrive hvelvfilen.</translation>
    </message>
    <message>
        <source>The server did not accept the client ID or client secret.</source>
        <translation>Serveren godtok ikke klient-ID-en eller klienthemmeligheten.</translation>
    </message>
    <message>
        <source>The server could not be reached. Check the connection and try again.</source>
        <translation>Fikk ikke kontakt med serveren. Kontroller tilkoblingen og prøv igjen.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified, so the connection was refused.</source>
        <translation>Sertifikatet til serveren kunne ikke verifiseres, så tilkoblingen ble avvist.</translation>
    </message>
    <message>
        <source>The server is busy. Try again in a moment.</source>
        <translation>Serveren er opptatt. Prøv igjen om litt.</translation>
    </message>
    <message>
        <source>The server could not complete the request. Try again later.</source>
        <translation>Serveren kunne ikke fullføre forespørselen. Prøv igjen senere.</translation>
    </message>
    <message>
        <source>You are offline: this is the last synced copy and it cannot be changed.</source>
        <translation>Du er frakoblet: dette er den sist synkroniserte kopien, og den kan ikke endres.</translation>
    </message>
    <message>
        <source>The connection was lost before the server answered. The secret was reloaded to show its current state; check it before trying again.</source>
        <translation>Tilkoblingen ble brutt før serveren svarte. Hemmeligheten er lastet inn på nytt slik at du ser hvordan den er nå; kontroller den før du prøver igjen.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Unlock vault</source>
        <translation>Lås opp hvelv</translation>
    </message>
    <message>
        <source>Enter the password of %1.</source>
        <translation>Skriv inn passordet til %1.</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Lås opp</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Passord</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>Låser opp…</translation>
    </message>
</context>
<context>
    <name>VaultEngine</name>
    <message>
        <source>The vault file could not be read or written: %1.</source>
        <translation>Kunne ikke lese eller skrive hvelvfilen: %1.</translation>
    </message>
    <message>
        <source>The vault&apos;s key derivation settings are not usable here.</source>
        <translation>Innstillingene for nøkkelavledning i hvelvet kan ikke brukes her.</translation>
    </message>
    <message>
        <source>The folder for the vault could not be created.</source>
        <translation>Kunne ikke opprette mappen for hvelvet.</translation>
    </message>
    <message>
        <source>These key derivation settings are not supported.</source>
        <translation>Disse innstillingene for nøkkelavledning støttes ikke.</translation>
    </message>
    <message>
        <source>The vault file could not be created.</source>
        <translation>Kunne ikke opprette hvelvfilen.</translation>
    </message>
    <message>
        <source>The vault file could not be made private.</source>
        <translation>Kunne ikke begrense tilgangen til hvelvfilen.</translation>
    </message>
    <message>
        <source>There is no vault at %1.</source>
        <translation>Det finnes ikke noe hvelv på %1.</translation>
    </message>
    <message>
        <source>There is no secret with this name.</source>
        <translation>Det finnes ingen hemmelighet med dette navnet.</translation>
    </message>
    <message>
        <source>The disk is full, so the vault could not be written. Free up some space and try again.</source>
        <translation>Disken er full, så hvelvet kunne ikke skrives. Frigjør litt plass og prøv igjen.</translation>
    </message>
    <message>
        <source>The vault file could not be written to the disk. The disk may be full or failing, or the file may have reached the largest size allowed.</source>
        <translation>Kunne ikke skrive hvelvfilen til disken. Disken kan være full eller i ferd med å svikte, eller filen kan ha nådd største tillatte størrelse.</translation>
    </message>
    <message>
        <source>The vault file is damaged: its key derivation settings are out of range. Nothing was changed.</source>
        <translation>Hvelvfilen er skadet: innstillingene for nøkkelavledning er utenfor gyldig område. Ingenting ble endret.</translation>
    </message>
    <message>
        <source>The vault file is damaged: SQLite&apos;s integrity check found problems in its structure. Nothing was changed; restore the file from a backup.</source>
        <translation>Hvelvfilen er skadet: SQLites integritetskontroll fant feil i strukturen. Ingenting ble endret. Gjenopprett filen fra en sikkerhetskopi.</translation>
    </message>
    <message>
        <source>This vault was made by an older version of Mint Config and must be upgraded, but the file could not be written (%1). Nothing was changed.</source>
        <translation>Dette hvelvet ble laget av en eldre versjon av Mint Config og må oppgraderes, men filen kunne ikke skrives (%1). Ingenting ble endret.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Mint Config</source>
        <translation>Mint Config</translation>
    </message>
    <message>
        <source>Manage the secrets of identity workflows.</source>
        <translation>Behandle hemmelighetene til identitetsflyter.</translation>
    </message>
    <message>
        <source>Open the vault file &lt;path&gt;.</source>
        <translation>Åpne hvelvfilen &lt;sti&gt;.</translation>
    </message>
    <message>
        <source>path</source>
        <translation>sti</translation>
    </message>
    <message>
        <source>Read and write settings in INI &lt;file&gt;.</source>
        <translation>Les og skriv innstillinger i INI-filen &lt;fil&gt;.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>fil</translation>
    </message>
    <message>
        <source>Colour scheme: system, light or dark.</source>
        <translation>Fargeskjema: system, light (lyst) eller dark (mørkt).</translation>
    </message>
    <message>
        <source>scheme</source>
        <translation>skjema</translation>
    </message>
    <message>
        <source>Language of the window, e.g. nb or en (default: the system&apos;s).</source>
        <translation>Språket i vinduet, f.eks. nb eller en (standard: systemets språk).</translation>
    </message>
    <message>
        <source>language</source>
        <translation>språk</translation>
    </message>
    <message>
        <source>There is no translation for “%1”; using English.</source>
        <translation>Det finnes ingen oversettelse for «%1». Bruker engelsk.</translation>
    </message>
    <message>
        <source>Mint Config cannot start</source>
        <translation>Mint Config kan ikke starte</translation>
    </message>
</context>
</TS>

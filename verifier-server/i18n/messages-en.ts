import type { MessageKey } from './messages-nl';

export const MESSAGES_EN: Record<MessageKey, string> = {
  'app.name': 'Demo Portal',
  'app.demoNotice':
    'Demo environment: the account ‘demo’ with password ‘demo’ is only for testing on this computer.',
  'app.skipToContent': 'Skip to content',
  'app.tagline': 'Verification server for developers',
  'menu.account': 'My details',
  'menu.logout': 'Log out',
  'menu.otherLanguage': 'Nederlands',
  'menu.userMenu': 'User menu of {username}',

  'login.title': 'Log in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.failed': 'Incorrect username or password.',
  'login.throttled.one': 'Too many failed login attempts. Try again in 1 second.',
  'login.throttled.other': 'Too many failed login attempts. Try again in {seconds} seconds.',
  'login.expired': 'Your login attempt has expired. Please log in again.',
  'login.required': 'Please log in to continue.',
  'login.loggedOut': 'You have been logged out.',

  'mfa.chooseAuthenticator': 'Choose your authenticator:',
  'mfa.code': 'Authenticator code:',
  'mfa.codeHint': 'The 6 digits your authenticator shows now.',
  'mfa.submit': 'Log in',
  'mfa.remember': 'Remember this browser for 7 days',
  'mfa.noAccess': 'I cannot access my authenticator(s)',
  'mfa.restart': 'Log in again',
  'mfa.wrongCode':
    'The code is incorrect or already used. Check under ‘Choose your authenticator’ that you chose the authenticator whose code you are copying, and enter the code that authenticator shows now.',
  'mfa.wrongCodeOne': 'The code is incorrect or already used. Enter the code your authenticator shows now.',
  'mfa.reusedCode':
    'This code has already been used. Each code works only once: wait until your authenticator shows a new code and enter that one.',
  'mfa.badFormat': 'Enter the {digits}-digit code, digits only.',
  'mfa.unknownAuthenticator': 'Choose one of your authenticators from the list.',
  'mfa.throttled.one':
    'Wait 1 more second, then enter the code again. Each wrong code makes the wait longer.',
  'mfa.throttled.other':
    'Wait {seconds} more seconds, then enter the code again. Each wrong code makes the wait longer.',
  'mfa.unavailable':
    'This authenticator cannot be checked right now. Choose ‘I cannot access my authenticator(s)’ to log in with a code by e-mail or SMS.',
  'mfa.locked':
    'Your account is locked after too many failed attempts. Choose ‘I cannot access my authenticator(s)’ or ask your administrator to unlock it.',

  'fallback.title': 'Code by e-mail or SMS',
  'fallback.intro': 'We will send you a one-time 6-digit code. The code is valid for 10 minutes.',
  'fallback.introNoAuthenticator':
    'Your organisation asks for an extra code when you log in. You have not linked an authenticator yet, so we send the code by e-mail or SMS. After logging in you can add an authenticator under ‘My details’.',
  'fallback.devOutbox': 'Development environment: the code is not really sent.',
  'fallback.devOutboxLink': 'You will find it in the outbox.',
  'fallback.channel': 'Where would you like to receive the code?',
  'fallback.email': 'E-mail to {address}',
  'fallback.sms': 'SMS to {number}',
  'fallback.noMobile':
    'SMS is not available: no mobile number is set. After logging in you can add one under ‘My details’.',
  'fallback.send': 'Send code',
  'fallback.sent':
    'We sent a code to {address}. It is valid for 10 minutes. Only the most recent code works.',
  'fallback.useAuthenticator': 'Log in with an authenticator instead',
  'fallback.code': 'Code:',
  'fallback.submit': 'Log in',
  'fallback.resend': 'Send a new code',
  'fallback.wrongCode': 'The code is incorrect or has expired. Use the code from the most recent message.',
  'fallback.noCode': 'There is no valid code any more. Please request a new one.',
  'fallback.codeCount.one': '1 code',
  'fallback.codeCount.other': '{limit} codes',
  'fallback.capped.one':
    'This internet connection has reached its limit of {codes} an hour. You can request a new code in 1 minute.',
  'fallback.capped.other':
    'This internet connection has reached its limit of {codes} an hour. You can request a new code in {minutes} minutes.',
  'fallback.cappedUseLast.one':
    'This internet connection has reached its limit of {codes} an hour. Use the most recent code; it is still valid. You can request a new code in 1 minute.',
  'fallback.cappedUseLast.other':
    'This internet connection has reached its limit of {codes} an hour. Use the most recent code; it is still valid. You can request a new code in {minutes} minutes.',
  'fallback.cappedDevice.one':
    'You have requested {codes} in this browser in the last hour. You can request a new code in 1 minute.',
  'fallback.cappedDevice.other':
    'You have requested {codes} in this browser in the last hour. You can request a new code in {minutes} minutes.',
  'fallback.cappedDeviceUseLast.one':
    'You have requested {codes} in this browser in the last hour. Use the most recent code; it is still valid. You can request a new code in 1 minute.',
  'fallback.cappedDeviceUseLast.other':
    'You have requested {codes} in this browser in the last hour. Use the most recent code; it is still valid. You can request a new code in {minutes} minutes.',
  'fallback.cappedAccount.one':
    'This account has reached its limit of {codes} an hour. You can request a new code in 1 minute.',
  'fallback.cappedAccount.other':
    'This account has reached its limit of {codes} an hour. You can request a new code in {minutes} minutes.',
  'fallback.cappedAccountUseLast.one':
    'This account has reached its limit of {codes} an hour. Use the most recent code; it is still valid. You can request a new code in 1 minute.',
  'fallback.cappedAccountUseLast.other':
    'This account has reached its limit of {codes} an hour. Use the most recent code; it is still valid. You can request a new code in {minutes} minutes.',
  'fallback.haveCode': 'I have already received a code',
  'fallback.chooseChannel': 'Choose e-mail or SMS.',
  'fallback.mailSubject': 'Your login code',
  'fallback.mailBody':
    'Your login code is {code}. It is valid for 10 minutes. Did you not try to log in? Then change your password.',
  'fallback.smsBody': 'Your login code is {code} (valid for 10 minutes).',

  'account.title': 'My details',
  'account.username': 'Username:',
  'account.email': 'E-mail address:',
  'account.organisation': 'Organisation:',
  'account.password': 'Password:',
  'account.changePassword': 'Change password',
  'account.mobile': 'Mobile phone number:',
  'account.save': 'Save',
  'account.mobileSaved': 'Your mobile number has been saved.',
  'account.mobileRemoved':
    'Your mobile number has been removed. Login codes by SMS are no longer possible; by e-mail they still are.',
  'account.mobileDraft': 'This number has not been saved yet. Check it and click ‘Save’.',
  'account.mobileInvalid': 'Enter a valid mobile number, for example +31 6 12345678.',
  'account.twoFactorTitle': 'Two-factor authentication',
  'account.twoFactorText':
    'Two-factor authentication gives your account extra protection: an extra code is asked for when you log in.',
  'account.twoFactorHow':
    'You can get this code by e-mail, SMS, a browser plugin or an app on your mobile phone.',
  'account.twoFactorRequired': 'Your organisation requires two-factor authentication.',
  'account.authenticators': 'Authenticator apps',
  'account.noAuthenticators': 'You have not added an authenticator yet.',
  'account.addAuthenticator': 'Add authenticator',
  'account.colName': 'Name',
  'account.colAdded': 'Added',
  'account.colLastUsed': 'Last used',
  'account.colActions': 'Actions',
  'account.never': 'Never',
  'account.rename': 'Rename',
  'account.renameLabel': 'New name for ‘{name}’',
  'account.renamed': 'The name has been changed to ‘{name}’.',
  'account.remove': 'Remove',
  'account.renameNamed': 'Rename: {name}',
  'account.removeNamed': 'Remove: {name}',
  'account.removeTitle': 'Remove authenticator ‘{name}’?',
  'account.removeText':
    'You will no longer be able to log in with this authenticator’s codes. In remembered browsers you will have to enter a code again.',
  'account.removeSignsOut':
    'You will then be logged out on other computers and in other browsers where you are logged in. You stay logged in here.',
  'account.removed':
    'Authenticator ‘{name}’ has been removed. You have been logged out on other computers and in other browsers.',
  'account.removedLogIn':
    'Authenticator ‘{name}’ has been removed and you have been logged out everywhere. Log in again.',
  'account.cancel': 'Cancel',
  'account.forgetBrowsers': 'Forget all browsers',
  'account.forgetBrowsersText':
    'Browsers where you chose ‘Remember this browser’ will ask for a code again. You will be logged out on other computers and in other browsers; you stay logged in here.',
  'account.browsersForgotten':
    'All remembered browsers have been forgotten. You have been logged out on other computers and in other browsers.',
  'account.notFound': 'This authenticator does not exist (any more).',

  'enroll.title': 'Add authenticator',
  'enroll.step1': 'Step 1 of 2: name the authenticator',
  'enroll.name': 'Name of the authenticator',
  'enroll.nameHint': 'For example ‘Chrome plugin reception’ or ‘Chrome plugin treatment room 1’.',
  'enroll.next': 'Go to step 2',
  'enroll.step2': 'Step 2 of 2: link the authenticator ‘{name}’',
  'enroll.scan':
    'First open the Authenticator extension: click the Authenticator icon at the top right in Chrome (if it is not there, click the puzzle piece first). In the window that opens, click the scan icon (a blue square of four loose corners with a line through it) and drag a rectangle over the QR code. With a phone: scan the QR code with your authenticator app.',
  'enroll.qrAlt': 'QR code to link the authenticator ‘{name}’',
  'enroll.manualKey': 'Scanning does not work? Enter this key manually:',
  'enroll.code': 'Code from the authenticator:',
  'enroll.save': 'Save',
  'enroll.cancel': 'Cancel',
  'enroll.nameEmpty': 'Give the authenticator a name.',
  'enroll.nameTooLong': 'The name can be at most {max} characters long.',
  'enroll.nameTaken': 'You already have an authenticator named ‘{name}’. Choose another name.',
  'enroll.nameInvisible':
    'The name contains an invisible character (from copied text, for example). Please type the name again.',
  'enroll.nameMixedScripts':
    'The name contains a letter that looks like an ordinary letter but comes from another alphabet (a Russian ‘С’, for example). Please type the name again on your own keyboard.',
  'enroll.wrongCode':
    'The code is not correct. Check that the time on your device is right and enter the code the authenticator shows now.',
  'enroll.expired.one':
    'The QR code expired after 1 minute; the authenticator was not added. Please make a new QR code at step 1 with the ‘Go to step 2’ button. Had you already scanned this QR code? Then remove that account from your authenticator, or it will appear twice and one of them will not work.',
  'enroll.expired.other':
    'The QR code expired after {minutes} minutes; the authenticator was not added. Please make a new QR code at step 1 with the ‘Go to step 2’ button. Had you already scanned this QR code? Then remove that account from your authenticator, or it will appear twice and one of them will not work.',
  'enroll.validFor.one': 'This QR code is valid for 1 minute.',
  'enroll.validFor.other': 'This QR code is valid for {minutes} minutes.',
  'enroll.added': 'Authenticator ‘{name}’ has been added.',
  'enroll.alreadyAdded': 'Authenticator ‘{name}’ has already been added; there is nothing more to do.',
  'enroll.damaged':
    'The new authenticator could not be read and was not saved. Start again. Had you already scanned the QR code? Then remove that account from your authenticator.',
  'enroll.replaced':
    'A new QR code was made meanwhile in another window or tab; the previous one no longer counts. Scan this QR code and enter the code the authenticator then shows. If you had scanned the previous one, remove that account from your authenticator.',

  'reauth.title': 'Confirm your password',
  'reauth.text': 'Please enter your password again to make this change.',
  'reauth.textEnroll': 'Please enter your password again to add an authenticator.',
  'reauth.submit': 'Confirm',
  'reauth.failed': 'The password is incorrect.',

  'password.title': 'Change password',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.confirm': 'Repeat new password',
  'password.hint': 'At least {min} characters. A sentence of a few words is strong and easy to remember.',
  'password.submit': 'Change password',
  'password.wrongCurrent': 'The current password is incorrect.',
  'password.tooShort': 'The new password must be at least {min} characters long.',
  'password.tooLong': 'The new password can be at most {max} characters long.',
  'password.mismatch': 'The two new passwords are not the same.',
  'password.changed':
    'Your password has been changed. You have been logged out on other computers and in other browsers; remembered browsers will ask for a code again.',
  'password.changedLogIn':
    'Your password has been changed and you have been logged out everywhere. Log in with your new password.',

  'notify.addedSubject': 'Authenticator added',
  'notify.addedBody':
    'The authenticator ‘{name}’ has been added to your account. Was this not you? Contact your administrator immediately.',
  'notify.removedSubject': 'Authenticator removed',
  'notify.removedBody':
    'The authenticator ‘{name}’ has been removed from your account, and you have been logged out on other computers and in other browsers. Was this not you? Contact your administrator immediately.',
  'notify.renamedSubject': 'Authenticator renamed',
  'notify.renamedBody':
    'The authenticator ‘{old}’ on your account is now called ‘{name}’. Another rename within 10 minutes is not reported separately: look under ‘My details’ for its name now. Was this not you? Contact your administrator immediately.',
  'notify.lockedSubject': 'Logging in with your authenticator is blocked',
  'notify.lockedBody':
    'After {count} wrong codes, logging in with an authenticator is blocked for your account. Only someone who knows your password can do that. Was this not you? Change your password immediately. You can still log in with a code by e-mail or SMS (‘I cannot access my authenticator(s)’), and in browsers you had remembered.',
  'notify.replaySubject': 'Warning: a login code was used again',
  'notify.replayBody':
    'Someone tried to log in with a code from authenticator ‘{name}’ that had already been used; the attempt was refused. Did you enter the same code twice yourself, for example by logging in right after adding the authenticator? Then there is nothing to do. Was this not you? Change your password.',
  'notify.mobileSubject': 'Your mobile number has been changed',
  'notify.mobileBody':
    'The mobile number for login codes by SMS was changed from {old} to {new}. Was this not you? Contact your administrator immediately.',
  'notify.mobileSms':
    'This number no longer receives login codes for your account; the new number is {new}. Was this not you? Contact your administrator immediately.',
  'notify.mobileAddedSubject': 'Your mobile number has been set',
  'notify.mobileAddedBody':
    'The mobile number {new} has been set for login codes by SMS. Was this not you? Contact your administrator immediately.',
  'notify.mobileRemovedSubject': 'Your mobile number has been removed',
  'notify.mobileRemovedBody':
    'The mobile number {old} has been removed; you will no longer receive login codes by SMS. Was this not you? Contact your administrator immediately.',
  'notify.mobileRemovedSms':
    'This number no longer receives login codes for your account; your mobile number has been removed. Was this not you? Contact your administrator immediately.',
  'notify.passwordSubject': 'Your password has been changed',
  'notify.passwordBody':
    'The password of your account has been changed. Was this not you? Contact your administrator immediately.',

  'outbox.title': 'Sent messages',
  'outbox.intro':
    'Development environment: e-mails and text messages are not sent but shown here, newest first.',
  'outbox.empty': 'No messages yet.',
  'outbox.channel': 'Channel',
  'outbox.to': 'To',
  'outbox.subject': 'Subject',
  'outbox.body': 'Message',
  'outbox.sentAt': 'Sent',

  'error.title': 'Something went wrong',
  'error.badRequest': 'The form is incomplete or invalid. Go back and try again.',
  'error.invalidRequest': 'This could not be processed. Go back and try again.',
  'error.csrf': 'This form has expired or is invalid. Go back, reload the page and try again.',
  'error.notFound': 'This page does not exist.',
  'error.tooLarge': 'You entered too much text. Go back, shorten the text and try again.',
  'error.unsupported': 'This action could not be carried out. Go back, reload the page and try again.',
  'error.busy': 'It is very busy right now. Try again in a few seconds.',
  'error.server': 'Something went wrong on our side. Try again later.',
  'error.unavailable':
    'The portal is not working properly right now. Nothing was changed; try again in a few seconds.',
  'error.backHome': 'To the start page',
};

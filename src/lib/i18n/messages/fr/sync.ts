// Sharing a workspace through a relay: header status, invites, joining, devices, keys.
import type { Messages } from '../../groups';

const messages: Messages = {
  'sync.detail.offline': 'Les modifications restent sur cet appareil et partiront dès que le relais sera joignable.',
  'sync.detail.unknown_workspace':
    'Le relais ne connaît pas cet espace de travail et n’en accepte pas de nouveaux : demandez à son administrateur de l’ajouter.',
  'sync.settings.link': 'Partage et appareils : inviter un appareil, voir qui est en ligne, retirer un appareil',
  'sync.settings.devicesLink': 'Tous les appareils de l’espace de travail',
  'sync.series.pending': 'En attente de la première synchronisation : cet appareil ne peut pas encore émettre de document.',
  'sync.page.title': 'Partage et appareils',
  'sync.share.title': 'Partager via un relais',
  'sync.share.intro':
    'Cet espace de travail est pour l’instant sur cet appareil seulement. Pour y travailler à plusieurs ou sur plusieurs appareils, reliez-le à un relais : le serveur qui a fourni l’application en est un, vous pouvez aussi utiliser le vôtre.',
  'sync.share.relayUrl': 'Adresse du relais',
  'sync.share.relayHint':
    'Par défaut, le serveur d’où vient l’application. Un relais installé ailleurs : par exemple wss://relais.example.fr',
  'sync.share.submit': 'Relier à ce relais',
  'sync.share.busy': 'Connexion au relais…',
  'sync.share.invalid': 'Cette adresse n’est pas celle d’un relais (exemple : https://relais.example.fr).',
  'sync.share.mixed': 'L’application est servie en https : le relais doit l’être aussi (https:// ou wss://).',
  'sync.share.unreachable': 'Le relais ne répond pas. Vérifiez l’adresse et la connexion, puis réessayez.',
  'sync.share.refused': 'Ce relais connaît déjà cet espace de travail sous une autre clé.',
  'sync.share.closed':
    'Ce relais n’accepte de nouveaux espaces de travail qu’avec un code d’inscription : saisissez celui que vous a remis son administrateur.',
  'sync.share.code': 'Code d’inscription fourni par l’administrateur du relais',
  'sync.share.codeHint': 'Par exemple RLC-7K2M-9QWX-4TGH-PB3N. Majuscules, minuscules et espaces n’ont pas d’importance.',
  'sync.share.codeMissing': 'Saisissez le code d’inscription.',
  'sync.share.code_unknown':
    'Ce code d’inscription n’est pas valable sur ce relais. Vérifiez-le, ou demandez-en un autre à son administrateur.',
  'sync.share.code_expired': 'Ce code d’inscription a expiré : demandez-en un nouveau à l’administrateur du relais.',
  'sync.share.code_used':
    'Ce code d’inscription a déjà servi autant de fois que prévu : demandez-en un nouveau à l’administrateur du relais.',
  'sync.share.code_revoked': 'Ce code d’inscription a été révoqué par l’administrateur du relais.',
  'sync.share.too_many': 'Trop de codes erronés depuis cette adresse : patientez une minute avant de réessayer.',
  'sync.share.register': 'Inscrire l’espace de travail sur ce relais',
  'sync.linked.title': 'Relais',
  'sync.linked.relay': 'Relié au relais',
  'sync.invite.title': 'Inviter un appareil',
  'sync.invite.intro':
    'Ouvrez ce lien sur l’autre appareil, ou scannez le code QR avec lui. Le lien contient la clé de l’espace de travail : ne le confiez qu’à des personnes de confiance.',
  'sync.invite.link': 'Lien d’invitation',
  'sync.invite.copy': 'Copier le lien',
  'sync.invite.copied': 'Lien copié',
  'sync.invite.copyFailed': 'Copie impossible : sélectionnez le lien et copiez-le.',
  'sync.invite.qr': 'Code QR du lien d’invitation',
  'sync.invite.waiting': 'L’invitation sera prête dès que cet appareil aura échangé avec le relais.',
  'sync.members.title': 'Appareils',
  'sync.members.col.device': 'Appareil',
  'sync.members.col.series': 'Série',
  'sync.members.col.lastSeen': 'Vu pour la dernière fois',
  'sync.members.col.actions': 'Actions',
  'sync.members.online': 'en ligne',
  'sync.members.seenOn': 'vu le {date}',
  'sync.members.offline': 'hors ligne',
  'sync.members.pending': 'à confirmer',
  'sync.members.remove': 'Retirer',
  'sync.members.removeLabel': 'Retirer {name}',
  'sync.members.confirm':
    'Retirer « {name} » de l’espace de travail ? La clé sera changée : cet appareil ne pourra plus recevoir les nouvelles modifications ni en envoyer.',
  'sync.members.confirmYes': 'Retirer l’appareil',
  'sync.members.cancel': 'Annuler',
  'sync.members.removed': '« {name} » est retiré et la clé a été changée.',
  'sync.members.localHint': 'Pour ajouter un appareil, partagez d’abord cet espace de travail via un relais.',
  'sync.limits.title': 'Ce que le retrait ne fait pas',
  'sync.limits.text':
    'Un appareil retiré garde tout ce qu’il a déjà téléchargé (ses données, les sauvegardes exportées) et peut encore le consulter hors ligne ; il ne reçoit plus rien de nouveau et ne peut plus rien envoyer. Le relais conserve les données en clair : la clé en contrôle l’accès, elle ne les chiffre pas.',
  'sync.rotate.title': 'Clé de l’espace de travail',
  'sync.rotate.intro':
    'Changer la clé ferme l’accès à quiconque détient l’ancienne (un lien d’invitation transmis, un appareil retiré). Les appareils restants reçoivent la nouvelle clé automatiquement, chiffrée pour chacun d’eux.',
  'sync.rotate.button': 'Changer la clé',
  'sync.rotate.busy': 'Changement de la clé…',
  'sync.rotate.done': 'Nouvelle clé en place : les anciens liens d’invitation ne fonctionnent plus.',
  'sync.rotate.unsealed': 'Ces appareils n’ont pas publié de clé d’appareil et devront être invités de nouveau : {names}',
  'sync.rotate.offline': 'Impossible hors ligne : le relais doit être joignable.',
  'sync.rotate.refused': 'Le relais a refusé : la clé de cet appareil n’est plus la bonne.',
  'sync.rotate.invalid': 'Le relais a refusé la demande.',
  'sync.rotate.unreachable': 'Le relais n’a pas répondu. Réessayez.',
  'sync.rotate.conflict':
    'Le relais a refusé : un appareil de l’espace n’aurait pas reçu la nouvelle clé (il vient peut-être de rejoindre). Réessayez dans un instant.',
  'sync.restore.title': 'Appareil perdu ou remplacé',
  'sync.restore.text':
    'Le relais garde une copie complète des données de l’espace de travail. Pour les retrouver sur un nouvel appareil, faites une invitation sur un autre appareil de l’espace et ouvrez-la sur le nouveau, puis retirez l’ancien appareil ci-dessus.',
  'setup.joinHint':
    'Votre entreprise utilise déjà Relance sur un autre appareil, ou vous remplacez un appareil perdu ? Ne créez rien ici : sur l’autre appareil, Réglages → Partage et appareils donne un lien d’invitation ; ouvrez-le sur celui-ci, les données viennent du relais.',
  'join.title': 'Rejoindre un espace de travail',
  'join.company': 'Espace de travail de {company}',
  'join.relay': 'Relais : {relay}',
  'join.intro':
    'Cet appareil recevra une copie des données et sa propre série de numéros de documents, pour ne jamais émettre deux fois le même numéro.',
  'join.deviceName': 'Nom de cet appareil',
  'join.devicePlaceholder': 'ex. Téléphone de Marc',
  'join.submit': 'Rejoindre',
  'join.busy': 'Préparation…',
  'join.empty': 'Ouvrez ici le lien d’invitation fait sur un autre appareil (Réglages → Partage et appareils).',
  'join.invalid': 'Ce lien d’invitation est incomplet ou abîmé. Demandez un nouveau lien.',
  'join.already': 'Cet appareil a déjà cet espace de travail.',
  'join.open': 'Ouvrir l’espace de travail',
  'join.adopting': 'Cet appareil a déjà cet espace de travail : vérification de la clé de l’invitation auprès du relais…',
  'join.adopted': 'Clé de l’invitation adoptée : cet appareil se synchronise de nouveau, avec les modifications faites ici.',
  'join.adoptRefused': 'Le relais refuse aussi la clé de cette invitation. Demandez un nouveau lien d’invitation.',
  'join.adoptUnreachable': 'Le relais de cette invitation ne répond pas. Réessayez une fois en ligne.',
  'join.mixed':
    'L’application est servie en https mais le relais de cette invitation ne l’est pas : le navigateur refusera de s’y connecter.'
};

export default messages;

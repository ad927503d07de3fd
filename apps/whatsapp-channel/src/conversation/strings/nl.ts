import type { Strings } from './strings.js';

export const nl: Strings = {
  welcome: (name, shop) => `Hoi${name ? ` ${name}` : ''}! Welkom bij ${shop}. Typ wat je zoekt, of tik op een knop.`,
  buttonSearch: 'Zoeken',
  buttonCategories: 'Categorieën',
  buttonCart: 'Winkelwagen',
  askSearch: 'Wat zoek je? Typ een woord, bijvoorbeeld "koptelefoon".',
  results: (query, total) => `${total} voor "${query}". Tik op de knop om ze te zien.`,
  categoryResults: (category, total) => `${total} in ${category}.`,
  resultsButton: 'Bekijk producten',
  resultsSection: 'Producten',
  moreRow: 'Meer resultaten',
  moreRowDescription: 'Toon de volgende producten',
  catalogRow: 'Bekijk in de catalogus',
  catalogRowDescription: 'Leg er meerdere tegelijk in je mandje',
  catalogHeader: 'Producten',
  catalogBody: 'Open een product, leg in je mandje wat je wilt en stuur het mandje.',
  noResults: (query) => `Ik vond niets voor "${query}". Probeer een ander woord, of tik op Categorieën.`,
  shopsCount: (count) => `bij ${count} winkels`,
  variantsCount: (count) => `${count} varianten`,
  offersCount: (count) => (count === 1 ? '1 product' : `${count} producten`),
  productCard: (title, price, retailer, offers) => `*${title}*\n${price} bij ${retailer}${offers ? `\n${offers}` : ''}`,
  buttonAdd: 'In winkelwagen',
  buttonOtherOffers: 'Andere aanbiedingen',
  buttonChooseVariant: 'Kies een variant',
  buttonBack: 'Terug',
  otherOffers: (title) => `Aanbiedingen voor ${title}. Kies er een om in je winkelwagen te leggen.`,
  otherOffersButton: 'Bekijk aanbod',
  availability: (value) =>
    ({ in_stock: 'Op voorraad', out_of_stock: 'Uitverkocht', preorder: 'Pre-order', backorder: 'Nabestelling' })[
      value
    ] ?? value,
  productGone: 'Dat product is niet meer beschikbaar. Zoek iets anders.',
  added: (title, items, total) =>
    `${title} ligt in je winkelwagen. Winkelwagen: ${items === 1 ? '1 artikel' : `${items} artikelen`}, ${total}.`,
  buttonCheckout: 'Afrekenen',
  buttonViewCart: 'Bekijk winkelwagen',
  buttonContinue: 'Verder winkelen',
  cartEmpty: 'Je winkelwagen is leeg. Typ wat je zoekt.',
  cartHeader: 'Je winkelwagen',
  cartLine: (quantity, title, total) => `${quantity} × ${title} — ${total}`,
  cartLineUnavailable: (title) => `${title} — niet meer beschikbaar`,
  cartLineIssue: (issue) =>
    ({ price_changed: 'prijs gewijzigd', insufficient_stock: 'te weinig voorraad', unavailable: 'niet beschikbaar' })[
      issue
    ] ?? issue,
  subtotal: (amount) => `Subtotaal: ${amount}`,
  total: (amount) => `*Totaal: ${amount}*`,
  buttonChange: 'Wijzigen',
  changeWhich: 'Welk artikel wil je wijzigen?',
  changeButton: 'Kies artikel',
  lineRow: (quantity) => `${quantity} in winkelwagen`,
  lineActions: (quantity, title) => `${quantity} × ${title}. Wat wil je doen?`,
  buttonMore: 'Eén meer',
  buttonLess: 'Eén minder',
  buttonRemove: 'Verwijderen',
  categoriesBody: 'Kies een categorie.',
  categoriesButton: 'Categorieën',
  categoryRowDescription: (count) => (count === 1 ? '1 product' : `${count} producten`),
  noCategories: 'Er zijn nog geen categorieën. Typ wat je zoekt.',
  askName: 'Afrekenen: op welke naam mag de bestelling?',
  askLine1: 'Waar mogen we bezorgen? Stuur de straat en het huisnummer.',
  askPostalCode: 'En de postcode?',
  askCity: 'En de plaats?',
  askCountry: 'Welk land? Stuur de landcode van twee letters, bijvoorbeeld NL of BE.',
  badCountry: 'Die landcode ken ik niet. Stuur twee letters, bijvoorbeeld NL.',
  askEmail: 'Je e-mailadres, voor de bevestiging? Tik op Overslaan om zonder te bestellen.',
  badEmail: 'Dat lijkt geen e-mailadres. Stuur het nog eens, of tik op Overslaan.',
  buttonSkip: 'Overslaan',
  summary: (cart, name, address, contact) =>
    `*Je bestelling*\n\n${cart}\n\nVoor: ${name}\nBezorgen op: ${address}\n${contact}`,
  buttonPlace: 'Bestellen',
  buttonChangeAddress: 'Ander adres',
  buttonCancel: 'Annuleren',
  cancelled: 'Oké, er is niets besteld. Je winkelwagen blijft bewaard.',
  cartNotReady: 'Er is iets veranderd in je winkelwagen. Bekijk je winkelwagen en reken opnieuw af.',
  placed: (reference, parts) =>
    `Dank je! Je bestelling ${reference} is geplaatst${parts > 1 ? ` bij ${parts} winkels` : ''}.` +
    ' Ik stuur je hier een bericht als ze bevestigd en verzonden is.',
  pricesChanged: (changes) => `Er is iets veranderd sinds je keek:\n${changes}\nBekijk het nieuwe overzicht.`,
  priceChange: (title, was, now) => `${title}: nu ${now} (was ${was})`,
  unavailableChange: (title) => `${title}: niet meer beschikbaar, uit je winkelwagen gehaald`,
  stockChange: (title, left) => `${title}: nog maar ${left} over`,
  cannotShip: (detail) => `Deze bestelling kan daar niet bezorgd worden: ${detail} Stuur een ander adres.`,
  staleSummary: 'Dat overzicht is verouderd; dit is het actuele.',
  help:
    'Typ wat je zoekt om te zoeken. Tik op Categorieën om te bladeren, op Winkelwagen voor je winkelwagen. ' +
    'Zeg "stop" om te stoppen, "hoi" om opnieuw te beginnen.',
  stopped: 'Oké, ik ben gestopt. Zeg "hoi" als je weer wilt winkelen.',
  hint: 'Sorry, dat begreep ik niet. Typ wat je zoekt, of "help".',
  unsupported: 'Ik kan alleen tekst en tikken lezen. Typ wat je zoekt, of "help".',
  tryAgainShortly: 'De winkel is even druk. Ik heb je bericht en antwoord zo snel mogelijk.',
  gaveUp: 'Sorry, er ging iets mis met je laatste bericht. Probeer het nog eens.',
  orderUpdate: {
    accepted: (retailer, reference) => `${retailer} heeft je bestelling ${reference} bevestigd.`,
    refused: (retailer, reference, reason) =>
      `${retailer} kan je bestelling ${reference} niet leveren${reason ? `: ${reason}` : ''}.` +
      ' Je betaalt er niets voor.',
    shipped: (retailer, reference, tracking) =>
      `${retailer} heeft je bestelling ${reference} verzonden.${tracking ? ` Volg je pakket: ${tracking}` : ''}`,
    delivered: (retailer, reference) => `Je bestelling ${reference} van ${retailer} is bezorgd. Veel plezier!`,
    cancelled: (retailer, reference, reason) =>
      `Je bestelling ${reference} van ${retailer} is geannuleerd${reason ? `: ${reason}` : ''}.`,
    failed: (retailer, reference) =>
      `We konden je bestelling ${reference} niet doorgeven aan ${retailer}. We zoeken het uit.`,
    refunded: (retailer, reference, amount) =>
      `${retailer} heeft ${amount} terugbetaald voor je bestelling ${reference}.`,
  },
};

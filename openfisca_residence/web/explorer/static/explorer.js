// The case explorer: builds the situation of the form, asks the Web API (/explain,
// /explorer/timeline, /explorer/yaml, /explorer/open) and shows its answers.
"use strict";

const T = JSON.parse(document.getElementById("textes").textContent);
const DURABLE = ["nationalite", "date_arrivee_france", "titre_sejour", "titre_sejour_date_debut",
  "titre_sejour_date_fin", "decision_refus_sejour_date", "statut_protection", "couverture_maladie"];
const FLAGS = ["entre_en_france_pour_chercher_emploi", "inscrit_demandeur_emploi",
  "mesure_eloignement_definitive"];
const MONTHLY = ["jours_absence_france", "heures_travail", "salaire_brut", "ressources_mensuelles"];
const KNOWN = new Set([...DURABLE, ...FLAGS, ...MONTHLY, "date_naissance", "date_demande",
  "foyer_permanent_france"]);
const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
let options = null;
let counter = 0;
const countries = new Map(); // "Italie (IT)" → "IT"

function countryText(code) {
  const found = options.countries.find((country) => country.code === code);
  return found ? `${found.name} (${code})` : code;
}

function countryCode(text) {
  const value = text.trim();
  if (!value) return null;
  if (countries.has(value)) return countries.get(value);
  const match = value.match(/\(([A-Z]{2})\)\s*$/) || value.match(/^([A-Za-z]{2})$/);
  if (match) return match[1].toUpperCase();
  const named = options.countries.find((c) => c.name.toLowerCase() === value.toLowerCase());
  return named ? named.code : value;
}

function addPerson(values = {}) {
  counter += 1;
  const node = $("#modele-personne").content.firstElementChild.cloneNode(true);
  const prefix = `p${counter}`;
  for (const label of $$("label[data-for]", node)) label.htmlFor = `${prefix}-${label.dataset.for}`;
  for (const input of $$("[data-field]", node)) input.id = `${prefix}-${input.dataset.field}`;
  for (const select of $$("select[data-category]", node)) {
    for (const item of options.categories[select.dataset.category]) {
      select.add(new Option(item.label, item.name));
    }
  }
  node.extra = values.extra || {};
  $("#personnes").append(node);
  const id = values.id || (counter === 1 ? "personne" : `personne_${counter}`);
  set(node, "id", id);
  for (const [field, value] of Object.entries(values.fields || {})) set(node, field, value);
  for (const row of values.months || []) addMonth(node, row);
  $(".ajouter-mois", node).addEventListener("click", () => addMonth(node, {}, true));
  $(".retirer-personne", node).addEventListener("click", () => {
    node.remove();
    number();
  });
  $("[data-field=id]", node).addEventListener("input", () => number());
  number();
  return node;
}

function set(node, field, value) {
  const input = $(`[data-field=${field}]`, node);
  if (input.type === "checkbox") input.checked = Boolean(value);
  else if (field === "nationalite") input.value = value ? countryText(value) : "";
  else input.value = value ?? "";
}

function number() {
  $$(".personne").forEach((node, index) => {
    const name = $("[data-field=id]", node).value || fill(T.person, { n: index + 1 });
    $("legend", node).textContent = `${fill(T.person, { n: index + 1 })} — ${name}`;
    $(".retirer-personne", node).setAttribute("aria-label", fill(T.remove_person, { name }));
  });
}

function addMonth(node, row, focus = false) {
  const tr = document.createElement("tr");
  const index = $$("tbody tr", node).length + 1;
  const person = $("[data-field=id]", node).id;
  const cells = [["mois", "month", T.month_of], ["jours_absence_france", "number", T.days_abroad],
    ["heures_travail", "number", T.work_hours], ["salaire_brut", "number", T.pay],
    ["ressources_mensuelles", "number", T.resources]];
  for (const [name, type, label] of cells) {
    const td = document.createElement("td");
    const input = document.createElement("input");
    input.type = type;
    input.dataset.month = name;
    input.id = `${person}-${name}-${index}`;
    input.setAttribute("aria-label", `${label} (${index})`);
    if (type === "number") input.min = "0";
    input.value = row[name] ?? "";
    td.append(input);
    tr.append(td);
  }
  const remove = document.createElement("button");
  remove.type = "button";
  remove.textContent = "×";
  remove.setAttribute("aria-label", `${T.remove_month} (${index})`);
  remove.addEventListener("click", () => tr.remove());
  const td = document.createElement("td");
  td.append(remove);
  tr.append(td);
  $("tbody", node).append(tr);
  if (focus) tr.querySelector("input").focus();
}

function situation() {
  const month = $("#mois").value;
  const individus = {};
  const parents = [];
  const enfants = [];
  for (const node of $$(".personne")) {
    const get = (field) => $(`[data-field=${field}]`, node);
    const id = get("id").value.trim() || `personne_${parents.length + enfants.length + 1}`;
    const values = { ...node.extra };
    if (get("date_naissance").value) values.date_naissance = { ETERNITY: get("date_naissance").value };
    for (const field of DURABLE) {
      let value = get(field).value;
      if (field === "nationalite") value = countryCode(value);
      const first = get(field).tagName === "SELECT" ? get(field).options[0].value : "";
      if (value && value !== first) values[field] = { ETERNITY: value };
    }
    if (!get("foyer_permanent_france").checked) values.foyer_permanent_france = { ETERNITY: false };
    for (const field of FLAGS) if (get(field).checked) values[field] = { ETERNITY: true };
    if (get("date_demande").value && month) values.date_demande = { [month]: get("date_demande").value };
    for (const tr of $$("tbody tr", node)) {
      const at = $("[data-month=mois]", tr).value;
      if (!at) continue;
      for (const field of MONTHLY) {
        const value = $(`[data-month=${field}]`, tr).value;
        if (value !== "") (values[field] ||= {})[at] = Number(value);
      }
    }
    individus[id] = values;
    (get("role").value === "enfant" ? enfants : parents).push(id);
  }
  return { individus, familles: { famille: { parents, enfants } } };
}

async function ask(path, body, text = false) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": text ? "text/plain" : "application/json" },
    body: text ? body : JSON.stringify(body),
  });
  const type = response.headers.get("Content-Type") || "";
  const answer = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) throw new Error(message(answer));
  return answer;
}

function message(answer) {
  if (typeof answer === "string") return answer;
  if (answer.error) return answer.error;
  const path = [];
  let node = answer;
  while (node && typeof node === "object") {
    const [key, value] = Object.entries(node)[0];
    path.push(key);
    node = value;
  }
  return `${path.join(" / ")} : ${node}`;
}

function status(text) {
  $("#etat").textContent = text;
}

function query(values) {
  const lang = document.documentElement.lang;
  return new URLSearchParams(Object.entries({ ...values, lang }).filter(([, v]) => v)).toString();
}

async function compute(event) {
  if (event) event.preventDefault();
  const month = $("#mois").value;
  if (!month) {
    $("#mois").focus();
    status(fill(T.error, { message: $("#mois").validationMessage || "AAAA-MM" }));
    return;
  }
  status(T.computing);
  const reform = $("#reforme").value;
  try {
    const body = situation();
    const today = await ask(`/explain?${query({ period: month })}`, body);
    const reformed = reform ? await ask(`/explain?${query({ period: month, reform })}`, body) : null;
    show(today, reformed);
    status(fill(T.answered_in, { month }));
    document.body.dataset.answered = month;
  } catch (error) {
    status(fill(T.error, { message: error.message }));
  }
}

function who(answer) {
  if (answer.entity !== "famille") return answer.id;
  return answer.id === "famille" ? T.the_family : fill(T.family, { id: answer.id });
}

function reasonsOf(benefit, answer) {
  if (answer.missing) return [{ label: answer.missing }];
  if (answer.entity !== "famille") return answer.reason ? [answer.reason] : [];
  if (answer.eligible) return [];
  return benefit.persons.filter((p) => p.reason).map((p) => ({ ...p.reason, who: p.id }));
}

function withoutArticle(label) {
  const at = label.lastIndexOf(" (");
  return at > 0 && label.trimEnd().endsWith(")") ? label.slice(0, at) : label;
}

function show(today, reformed) {
  const tbody = $("#reponses tbody");
  tbody.replaceChildren();
  $("#pourquoi").replaceChildren();
  document.body.classList.toggle("avec-reforme", Boolean(reformed));
  today.benefits.forEach((benefit, b) => {
    benefit.answers.forEach((answer, a) => {
      const other = reformed ? reformed.benefits[b].answers[a] : null;
      const tr = document.createElement("tr");
      tr.dataset.benefit = benefit.benefit;
      tr.dataset.who = answer.id;
      const decision = (x) => (x.eligible ? T.eligible : T.refused);
      const reasons = reasonsOf(benefit, answer);
      const cells = [
        benefit.title,
        who(answer),
        decision(answer),
        other ? decision(other) + (other.eligible !== answer.eligible ? ` (${T.differs})` : "") : "",
        reasons.map((r) => (r.who ? `${r.who} : ` : "") + withoutArticle(r.label)).join(" ; ") || T.no_reason,
        null,
        answer.dates.map((d) => `${d.label} : ${d.text}`).join(" ; "),
        null,
      ];
      cells.forEach((text, i) => {
        const td = document.createElement(i === 0 ? "th" : "td");
        if (i === 0) td.scope = "row";
        if (i === 3) td.className = "reforme-col";
        if (text !== null) td.textContent = text;
        tr.append(td);
      });
      tr.cells[2].className = answer.eligible ? "oui" : "non";
      if (other && other.eligible !== answer.eligible) tr.classList.add("difference");
      for (const r of reasons.filter((r) => r.article)) {
        const link = document.createElement("a");
        link.href = r.link;
        link.textContent = r.article;
        link.target = "_blank";
        link.rel = "noopener";
        tr.cells[5].append(link, " ");
      }
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = T.why;
      button.setAttribute("aria-label", fill(T.why_label, { benefit: benefit.title, who: who(answer) }));
      button.setAttribute("aria-expanded", "false");
      button.addEventListener("click", () => why(benefit, answer, button));
      tr.cells[7].append(button);
      tbody.append(tr);
    });
  });
}

function why(benefit, answer, button) {
  const box = $("#pourquoi");
  $$("button[aria-expanded=true]").forEach((b) => b.setAttribute("aria-expanded", "false"));
  box.replaceChildren();
  const heading = document.createElement("h3");
  heading.tabIndex = -1;
  heading.textContent = fill(T.why_label, { benefit: benefit.title, who: who(answer) });
  box.append(heading);
  const persons = answer.entity === "famille" ? benefit.persons : benefit.persons.filter((p) => p.id === answer.id);
  for (const person of persons) {
    const h = document.createElement("h4");
    h.textContent = `${person.id} : ${person.eligible ? T.eligible : T.refused}`;
    box.append(h, tree(person.tree));
  }
  button.setAttribute("aria-expanded", "true");
  heading.focus();
}

function tree(nodes) {
  const ul = document.createElement("ul");
  ul.className = "arbre";
  const deciding = nodes.filter((n) => n.deciding);
  const others = nodes.filter((n) => !n.deciding);
  for (const node of deciding) ul.append(item(node));
  if (others.length) {
    const li = document.createElement("li");
    const details = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = `${T.other_conditions} (${others.length})`;
    const inner = document.createElement("ul");
    for (const node of others) inner.append(item(node));
    details.append(summary, inner);
    li.append(details);
    ul.append(li);
  }
  return ul;
}

function item(node) {
  const li = document.createElement("li");
  li.className = node.deciding ? "decisif" : "";
  const label = document.createElement("span");
  label.className = "libelle";
  label.textContent = node.label;
  const value = document.createElement("strong");
  value.className = node.value === true ? "oui" : node.value === false ? "non" : "";
  value.textContent = node.text;
  const name = document.createElement("code");
  name.textContent = node.variable;
  li.append(label, " : ", value, " ", name);
  if (node.references.length) {
    const refs = document.createElement("div");
    refs.className = "references";
    refs.textContent = node.references.join(" ; ");
    li.append(refs);
  }
  if (node.children.length) li.append(tree(node.children));
  return li;
}

async function timeline() {
  const start = $("#debut").value;
  const end = $("#fin").value;
  status(T.computing);
  try {
    const reform = $("#reforme").value;
    const answer = await ask(`/explorer/timeline?${query({ start, end, reform })}`, situation());
    const table = document.createElement("table");
    table.id = "tableau-chronologie";
    const caption = document.createElement("caption");
    caption.textContent = T.timeline_caption;
    const head = document.createElement("tr");
    head.append(Object.assign(document.createElement("th"), { scope: "col", textContent: "" }));
    for (const month of answer.months) {
      head.append(Object.assign(document.createElement("th"), { scope: "col", textContent: month }));
    }
    const thead = document.createElement("thead");
    thead.append(head);
    const tbody = document.createElement("tbody");
    for (const row of answer.rows) {
      const tr = document.createElement("tr");
      const label = who(row);
      tr.append(Object.assign(document.createElement("th"), { scope: "row", textContent: `${row.title} — ${label}` }));
      row.cells.forEach((cell, i) => {
        const td = document.createElement("td");
        td.textContent = cell.eligible ? "✓" : "✗";
        td.className = cell.eligible ? "oui" : "non";
        td.title = cell.reason || (cell.eligible ? T.eligible : T.refused);
        td.setAttribute("aria-label", `${cell.month} : ${cell.eligible ? T.eligible : T.refused}${cell.reason ? ` — ${cell.reason}` : ""}`);
        if (i > 0 && row.cells[i - 1].eligible !== cell.eligible) td.classList.add("changement");
        tr.append(td);
      });
      tbody.append(tr);
    }
    table.append(caption, thead, tbody);
    $("#chronologie").replaceChildren(table);
    status("");
  } catch (error) {
    status(fill(T.error, { message: error.message }));
  }
}

async function save() {
  const month = $("#mois").value;
  try {
    const text = await ask(
      `/explorer/yaml?${query({ period: month, reform: $("#reforme").value, name: $("#nom-cas").value })}`,
      situation(),
    );
    const file = `${($("#nom-cas").value || "cas").replace(/[^\w-]+/g, "_").slice(0, 40)}.yaml`;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "application/yaml" }));
    link.download = file;
    document.body.append(link);
    link.click();
    link.remove();
    status(fill(T.saved, { file }));
  } catch (error) {
    status(fill(T.error, { message: error.message }));
  }
}

function firstValue(values, month) {
  if (values === null || typeof values !== "object") return values;
  if ("ETERNITY" in values) return values.ETERNITY;
  if (month in values) return values[month];
  const year = month.slice(0, 4);
  if (year in values) return values[year];
  const keys = Object.keys(values).sort();
  return keys.length ? values[keys[0]] : undefined;
}

async function open(event) {
  const file = event.target.files[0];
  if (!file) return;
  try {
    const text = await file.text();
    const opened = await ask(`/explorer/open?${query({})}`, text, true);
    clear();
    $("#nom-cas").value = opened.name;
    $("#mois").value = opened.period;
    $("#reforme").value = opened.reform || "";
    const families = Object.values(opened.situation.familles || {});
    const children = new Set(families.flatMap((f) => f.enfants || []));
    for (const [id, values] of Object.entries(opened.situation.individus || {})) {
      const fields = { role: children.has(id) ? "enfant" : "parent" };
      const extra = {};
      const months = {};
      for (const [name, byPeriod] of Object.entries(values || {})) {
        if (!KNOWN.has(name)) {
          extra[name] = byPeriod;
        } else if (MONTHLY.includes(name)) {
          for (const [at, value] of Object.entries(byPeriod)) (months[at] ||= { mois: at })[name] = value;
        } else {
          fields[name] = firstValue(byPeriod, opened.period);
        }
      }
      addPerson({ id, fields, extra, months: Object.values(months).sort((a, b) => a.mois.localeCompare(b.mois)) });
    }
    status(fill(T.opened, { name: opened.name }));
    await compute();
  } catch (error) {
    status(fill(T.error, { message: error.message }));
  } finally {
    event.target.value = "";
  }
}

function clear() {
  $("#personnes").replaceChildren();
  counter = 0;
  $("#nom-cas").value = "";
  $("#reponses tbody").replaceChildren();
  $("#pourquoi").replaceChildren();
  $("#chronologie").replaceChildren();
  delete document.body.dataset.answered;
}

async function start() {
  options = await (await fetch(`/explorer/options?${query({})}`)).json();
  for (const country of options.countries) {
    const text = `${country.name} (${country.code})`;
    countries.set(text, country.code);
    $("#pays").append(new Option(text));
  }
  for (const reform of options.reforms) $("#reforme").add(new Option(reform.label, reform.name));
  addPerson();
  $("#ajouter-personne").addEventListener("click", () => $("[data-field=id]", addPerson()).focus());
  $("#cas").addEventListener("submit", compute);
  $("#enregistrer").addEventListener("click", save);
  $("#ouvrir").addEventListener("change", open);
  $("#vider").addEventListener("click", () => {
    clear();
    addPerson();
  });
  $("#chronologie-bouton").addEventListener("click", timeline);
  document.body.dataset.ready = "true";
}

start();

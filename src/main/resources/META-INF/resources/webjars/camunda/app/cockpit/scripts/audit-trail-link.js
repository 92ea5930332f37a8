// Cockpit plugin: an "Audit trail" button (list icon) on a running change's process instance page, opening
// /audit/<change id> (change managers and auditors may read it). Only process instances with a changeId variable get
// one: the change processes and the shared steps they call; a freeze declaration has no change id.
export default {
  id: 'changeflow-audit-trail-link',
  pluginPoint: 'cockpit.processInstance.runtime.action',
  priority: 20,
  render: (node, { api, processInstanceId }) => {
    const url = `${api.engineApi}/process-instance/${encodeURIComponent(processInstanceId)}/variables/changeId`;
    fetch(`${url}?deserializeValue=false`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then((response) => (response.ok ? response.json() : null))
      .then((variable) => {
        if (!variable || typeof variable.value !== 'string' || !variable.value) {
          return;
        }
        // built element by element: the id is data, never markup
        const link = document.createElement('a');
        link.className = 'btn btn-default action-button changeflow-audit-trail';
        link.href = `/audit/${encodeURIComponent(variable.value)}`;
        link.target = '_blank';
        link.rel = 'noopener';
        // icon only, like Cockpit's own action buttons (the column is one icon wide); named for screen readers
        link.title = `Audit trail of ${variable.value}`;
        link.setAttribute('aria-label', 'Audit trail');
        const icon = document.createElement('span');
        icon.className = 'glyphicon glyphicon-list-alt';
        icon.setAttribute('aria-hidden', 'true');
        link.append(icon);
        node.replaceChildren(link);
      })
      .catch((error) => console.error('changeflow: no audit trail link', error));
  }
};

/**
 * What each playground preset promises (its `watch` text in docs/playground/presets/index.ts),
 * as checks on a cluster: the table test/docs/presets.test.ts runs. Keep an entry next to each
 * preset's YAML when either changes.
 */
import { expect } from 'vitest';
import {
  isReady,
  phase,
  restarts,
  running,
  status,
  todoErrors,
  waiting,
  type Stage,
} from './presets-harness.ts';

// ---- what each preset promises -----------------------------------------------------------------

export interface Outcome extends Stage {
  /** Objects refused on purpose (`Kind/name` → a fragment of the error); every other one is created. */
  refused?: Record<string, string>;
  /** The edit a comment suggests, applied afterwards, and what it does. */
  then?: Stage & { edit(text: string): string; refused?: Record<string, string> };
  /** With the learner's starting file in the preset's part: what the learner sees instead. */
  stub?: Stage & { refused?: Record<string, string> };
}

export const outcomes: Record<string, Outcome> = {
  etcd: {
    within: 30,
    async check(s) {
      expect(await s.logs('reader')).toContain('lives=3 color=blue');
      const revisions = s.c.trace.entries().flatMap((e) => (e.resourceVersion ? [Number(e.resourceVersion)] : []));
      expect(revisions.length).toBeGreaterThan(10);
      expect(revisions.every((r, i) => i === 0 || r > (revisions[i - 1] as number))).toBe(true);
    },
    then: {
      edit: (t) => t.replace('lives: "3"', 'lives: "4"'),
      within: 5,
      async check(s) {
        const writes = s.c.trace.entries().filter((e) => e.resource === 'configmaps' && e.name === 'settings');
        expect(writes.map((e) => `${e.verb} ${e.code}`)).toEqual(['create 201', 'patch 200']);
        const [created, updated] = writes.map((e) => Number(e.resourceVersion));
        // Other writes (the controllers', the kubelets' heartbeats) took revisions in between.
        expect(updated! - created!).toBeGreaterThan(1);
        const cm = await s.c.client().configmaps('default').get('settings');
        expect(cm.metadata?.resourceVersion).toBe(String(updated));
        expect(cm.data?.lives).toBe('4');
      },
    },
  },
  apiserver: {
    refused: {
      'ConfigMap/Game_Config': 'metadata.name: Invalid value: "Game_Config"',
      'Deployment/broken': 'spec.replicas: Invalid value: -1',
      'ConfigMap/lost': 'namespaces "nowhere" not found',
    },
    within: 30,
    async check(s) {
      expect(s.applied.find((a) => a.ref === 'ConfigMap/Game_Config')?.error).toContain('metadata.labels: Invalid value: "blue team"');
      expect(s.applied.find((a) => a.ref === 'Deployment/broken')?.error).toContain('`selector` does not match template `labels`');
      running(await s.pods('demo'), 2);
    },
    then: {
      // The fixes the comments give: every object is accepted.
      edit: (t) =>
        t
          .replace('name: Game_Config', 'name: game-config')
          .replace('team: blue team', 'team: blue-team')
          .replace('replicas: -1', 'replicas: 1')
          .replace('app: not-web', 'app: web')
          .replace('namespace: nowhere', 'namespace: demo'),
      within: 30,
      async check(s) {
        const cms = (await s.c.client().configmaps('demo').list()).items.map((x) => x.metadata?.name);
        expect(cms).toEqual(expect.arrayContaining(['game-config', 'lost']));
        running(await s.podsOf('broken', 'demo'), 1);
      },
    },
    stub: {
      // Without ObjectMeta validation the bad name and label are stored; the spec's and admission's checks still hold.
      refused: { 'Deployment/broken': 'spec.replicas', 'ConfigMap/lost': 'not found' },
      within: 1,
      async check(s) {
        const cm = await s.c.client().configmaps('demo').get('Game_Config');
        expect(cm.metadata?.labels?.team).toBe('blue team');
      },
    },
  },
  scheduler: {
    within: 30,
    async check(s) {
      const huge = await s.pod('huge');
      expect(phase(huge)).toBe('Pending');
      expect(huge.spec?.nodeName).toBeUndefined();
      expect(await s.events()).toContainEqual(expect.stringMatching(/^FailedScheduling pod\/huge 0\/3 nodes are available: 3 Insufficient cpu\./));
      const web = await s.podsOf('web');
      running(web, 3);
      expect(new Set(web.map((p) => p.spec?.nodeName)).size).toBe(3);
      const pinned = await s.pod('pinned');
      expect([phase(pinned), pinned.spec?.nodeName]).toEqual(['Running', 'node-2']);
    },
    stub: {
      settle: 20,
      within: 5,
      async check(s) {
        // Scoring runs only when several nodes fit: the web pods stay Pending, "pinned" (one feasible node) is bound.
        const web = await s.podsOf('web');
        expect(web).toHaveLength(3);
        expect(web.every((p) => phase(p) === 'Pending' && !p.spec?.nodeName)).toBe(true);
        expect((await s.pod('pinned')).spec?.nodeName).toBe('node-2');
        expect(todoErrors(s, 'kube-scheduler').length).toBeGreaterThan(0);
      },
    },
  },
  runtime: {
    within: 40,
    async check(s) {
      const fail = await s.pod('fail');
      expect(phase(fail)).toBe('Failed');
      expect(status(fail)?.state?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
      expect(await s.logs('fail')).toContain('about to fail');
      expect(waiting(await s.pod('typo'))).toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
      expect(await s.events()).toContainEqual(expect.stringContaining('Failed pod/typo Failed to pull image "nginxx"'));
      expect(waiting(await s.pod('upper'))).toBe('InvalidImageName');
      const hog = await s.pod('memory-hog');
      expect(status(hog)?.state?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
      expect(phase(await s.pod('ok'))).toBe('Running');
    },
    stub: {
      within: 20,
      async check(s) {
        // No reference parses: every pod, even "ok", is InvalidImageName.
        const pods = await s.pods();
        expect(pods).toHaveLength(5);
        expect(pods.map(waiting)).toEqual(pods.map(() => 'InvalidImageName'));
      },
    },
  },
  kubelet: {
    within: 90,
    async check(s) {
      const crasher = await s.pod('crasher');
      expect(restarts(crasher)).toBeGreaterThanOrEqual(2);
      expect(await s.events()).toContainEqual(expect.stringMatching(/^BackOff pod\/crasher Back-off restarting failed container app/));
      expect(await s.logs('crasher')).toContain('starting');
      expect(restarts(await s.pod('liveness-http'))).toBeGreaterThanOrEqual(1);
      const events = await s.events();
      expect(events).toContainEqual(expect.stringContaining('Unhealthy pod/liveness-http Liveness probe failed: HTTP probe failed with statuscode: 500'));
      expect(events).toContainEqual(expect.stringContaining('Killing pod/liveness-http Container app failed liveness probe, will be restarted'));
      const init = await s.pod('with-init');
      expect(phase(init)).toBe('Running');
      expect(init.status?.initContainerStatuses?.map((x) => x.state?.terminated?.exitCode)).toEqual([0, 0]);
    },
    stub: {
      settle: 60,
      within: 5,
      async check(s) {
        // The kubelet cannot ask the backoff whether to restart: the crashed container is never restarted.
        const crasher = await s.pod('crasher');
        expect(restarts(crasher)).toBe(0);
        expect(status(crasher)?.state?.terminated?.exitCode).toBe(1);
        expect(todoErrors(s, 'kubelet').length).toBeGreaterThan(0);
      },
    },
  },
  'controller-manager': {
    within: 40,
    async check(s) {
      running(await s.podsOf('nginx'), 3);
      const hello = await s.podsOf('hello');
      expect(hello.map(phase)).toEqual(['Succeeded', 'Succeeded']);
      expect(await s.logs(hello[0]!.metadata!.name!)).toContain('hello from a job');
      const events = await s.events();
      expect(events).toContainEqual(expect.stringMatching(/^ScalingReplicaSet deployment\/nginx Scaled up replica set nginx-\w+ from 0 to 3/));
      expect(events.filter((e) => /^SuccessfulCreate replicaset\/nginx-/.test(e))).toHaveLength(3);
      expect(events).toContainEqual(expect.stringMatching(/^Completed job\/hello/));
    },
    stub: {
      settle: 30,
      within: 5,
      async check(s) {
        // The ReplicaSet exists but never gets a pod; the Job (another controller) still completes.
        expect(await s.podsOf('nginx')).toEqual([]);
        expect((await s.podsOf('hello')).map(phase)).toEqual(['Succeeded', 'Succeeded']);
        expect(todoErrors(s, 'replicaset-controller').length).toBeGreaterThan(0);
      },
    },
  },
  'kube-proxy': {
    within: 60,
    async check(s) {
      const names = (await s.podsOf('echo')).map((p) => p.metadata!.name!);
      const spread = (await s.logs('spread')).split('\n').filter((l) => names.includes(l));
      expect(new Set(spread).size).toBeGreaterThanOrEqual(2);
      const sticky = await s.logs('sticky');
      const stickyNames = sticky.split('\n').filter((l) => names.includes(l));
      expect(stickyNames.length).toBeGreaterThanOrEqual(5);
      expect(new Set(stickyNames).size).toBe(1);
      expect(sticky).toContain("wget: can't connect to remote host (10.96.100.12): Connection refused");
      expect(sticky).toContain('exit=1');
    },
    then: {
      // The comment's experiment: an affinity timeout shorter than the client's pause spreads it too.
      edit: (t) => t.replace('timeoutSeconds: 60', 'timeoutSeconds: 1'),
      within: 60,
      async check(s) {
        const names = (await s.podsOf('echo')).map((p) => p.metadata!.name!);
        const lines = (await s.logs('sticky')).split('\n').filter((l) => names.includes(l));
        expect(new Set(lines.slice(-10)).size).toBeGreaterThanOrEqual(2);
      },
    },
    stub: {
      settle: 40,
      within: 5,
      async check(s) {
        // kube-proxy cannot pick an endpoint: no request reaches a pod.
        const names = (await s.podsOf('echo')).map((p) => p.metadata!.name!);
        expect(names).toHaveLength(3);
        expect((await s.logs('spread')).split('\n').filter((l) => names.includes(l))).toEqual([]);
        expect(todoErrors(s, 'kube-proxy').length).toBeGreaterThan(0);
      },
    },
  },
  service: {
    within: 30,
    async check(s) {
      const svc = await s.c.client().services('default').get('web');
      expect(svc.spec?.clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
      const titles = (await s.logs('client')).split('\n').filter((l) => l === '<title>Welcome to nginx!</title>');
      expect(titles.length).toBeGreaterThanOrEqual(3);
    },
    then: {
      // The comment's experiment: a selector no pod matches leaves the Service without endpoints.
      edit: (t) => t.replace('selector: { app: web }\n  ports', 'selector: { app: nothing }\n  ports'),
      within: 30,
      async check(s) {
        const last = (await s.logs('client')).split('\n').slice(-2);
        expect(last).toEqual([expect.stringMatching(/^wget: can't connect to remote host \(10\.[\d.]+\): Connection refused$/), expect.stringMatching(/Connection refused$/)]);
      },
    },
    stub: {
      refused: { 'Service/web': 'TODO: service.ipalloc' },
      settle: 20,
      within: 5,
      async check(s) {
        // No Service (its ClusterIP cannot be allocated): the client's wget finds no name.
        expect(await s.logs('client')).not.toContain('Welcome to nginx!');
      },
    },
  },
  ingress: {
    within: 40,
    async check(s) {
      const api = (await s.podsOf('api')).map((p) => p.metadata!.name!);
      const lines = (await s.logs('curl')).split('\n');
      expect(lines).toContain('hello');
      expect(new Set(lines.filter((l) => api.includes(l))).size).toBe(2);
      expect(lines).toContain('root: 200');
      expect(lines).toContain('echoes: 404');
      expect(lines).toContain('other host: 404');
    },
    stub: {
      settle: 30,
      within: 5,
      async check(s) {
        // The controller cannot match a path: every request is answered 500.
        const lines = (await s.logs('curl')).split('\n');
        expect(lines).not.toContain('hello');
        expect(lines).toContain('root: 500');
        expect(todoErrors(s, 'ingress-controller').length).toBeGreaterThan(0);
      },
    },
  },
  configmap: {
    within: 30,
    async check(s) {
      const demo = await s.logs('config-demo');
      for (const line of ['LIVES=3 GREETING=you have 3 lives', 'GAME_lives=3', 'GAME_ui.properties=color=red', 'color=red']) expect(demo).toContain(line);
      expect(await s.logs('watcher')).toContain('env=3 file=3');
      expect(waiting(await s.pod('missing-key'))).toBe('CreateContainerConfigError');
      expect(await s.events()).toContainEqual(expect.stringContaining("couldn't find key colour in ConfigMap default/game-config"));
    },
    then: {
      edit: (t) => t.replace('lives: "3"', 'lives: "5"\n  colour: blue'),
      within: 90,
      async check(s) {
        expect(await s.logs('watcher')).toContain('env=3 file=5');
        expect(await s.logs('missing-key')).toContain('colour=blue');
      },
    },
    stub: {
      within: 20,
      async check(s) {
        // The kubelet cannot build any container's environment: no container starts.
        for (const name of ['config-demo', 'watcher', 'missing-key']) expect(waiting(await s.pod(name))).toBe('CreateContainerError');
        expect(await s.events()).toContainEqual(expect.stringContaining('TODO: configmap.env'));
      },
    },
  },
  secret: {
    refused: { 'Secret/half-tls': 'data[tls.key]: Required value' },
    within: 30,
    async check(s) {
      expect((await s.logs('secret-demo')).split('\n')).toEqual(['user=admin', '444 /etc/db/user', '400 /etc/db/creds/password', 's3cr3t!']);
      const secret = await s.c.client().secrets('default').get('db-pass');
      expect(secret.data).toEqual({ username: 'YWRtaW4=', password: 'czNjcjN0IQ==' });
      expect(secret.stringData).toBeUndefined();
    },
    stub: {
      // Secrets cannot be decoded: both are refused, and the pod waits for its volume.
      refused: { 'Secret/db-pass': 'TODO: secret.data', 'Secret/half-tls': 'TODO: secret.data' },
      within: 20,
      async check(s) {
        expect(await s.events()).toContainEqual(expect.stringContaining('FailedMount pod/secret-demo MountVolume.SetUp failed for volume "creds" : secret "db-pass" not found'));
      },
    },
  },
  volume: {
    within: 40,
    async check(s) {
      const client = s.c.client();
      expect((await client.persistentvolumeclaims('default').get('data')).spec?.volumeName).toBe('pv-small');
      expect((await client.persistentvolumes().get('pv-big')).status?.phase).toBe('Available');
      const shared = await client.persistentvolumeclaims('default').get('shared');
      expect(shared.status?.phase).toBe('Bound');
      expect(shared.spec?.volumeName).toMatch(/^pvc-/);
      expect(await s.events()).toContainEqual(expect.stringMatching(/^ProvisioningSucceeded persistentvolumeclaim\/shared Successfully provisioned volume pvc-/));
      expect(phase(await s.pod('writer'))).toBe('Succeeded');
      expect(await s.logs('reader')).toMatch(/^boot at /);
      expect(await s.logs('scratch', 'consume')).toContain('made by produce');
    },
    stub: {
      settle: 30,
      within: 5,
      async check(s) {
        // The binder cannot choose a volume: both claims stay Pending, and so do their pods.
        for (const name of ['data', 'shared']) expect((await s.c.client().persistentvolumeclaims('default').get(name)).status?.phase).toBe('Pending');
        for (const name of ['writer', 'reader']) expect(phase(await s.pod(name))).toBe('Pending');
        expect(todoErrors(s, 'persistentvolume-binder-controller').length).toBeGreaterThan(0);
      },
    },
  },
  statefulset: {
    within: 60,
    async check(s) {
      const pods = await s.podsOf('web');
      expect(pods.map((p) => p.metadata?.name)).toEqual(['web-0', 'web-1', 'web-2']);
      expect(pods.every(isReady)).toBe(true);
      // Ordered: each pod was created only after the previous one was Ready.
      const created = pods.map((p) => Date.parse(p.metadata!.creationTimestamp!));
      const ready = pods.map((p) => Date.parse(p.status!.conditions!.find((x) => x.type === 'Ready')!.lastTransitionTime!));
      expect(created[1]).toBeGreaterThanOrEqual(ready[0]!);
      expect(created[2]).toBeGreaterThanOrEqual(ready[1]!);
      const claims = (await s.c.client().persistentvolumeclaims('default').list()).items;
      expect(claims.map((x) => `${x.metadata?.name} ${x.status?.phase}`).sort()).toEqual(['www-web-0 Bound', 'www-web-1 Bound', 'www-web-2 Bound']);
      const events = await s.events();
      expect(events).toContainEqual('SuccessfulCreate statefulset/web create Claim www-web-0 Pod web-0 in StatefulSet web success');
      expect(events).toContainEqual('SuccessfulCreate statefulset/web create Pod web-2 in StatefulSet web successful');
      expect(await s.logs('dns')).toContain(`Name:\tweb-0.web.default.svc.cluster.local\nAddress: ${pods[0]!.status?.podIP}`);
    },
    stub: {
      settle: 30,
      within: 5,
      async check(s) {
        // The controller decides nothing: no pod and no claim appear.
        expect(await s.podsOf('web')).toEqual([]);
        expect((await s.c.client().persistentvolumeclaims('default').list()).items).toEqual([]);
      },
    },
  },
  dns: {
    within: 40,
    async check(s) {
      const web = await s.c.client().services('default').get('web');
      const ips = (await s.podsOf('web')).map((p) => p.status?.podIP);
      const logs = await s.logs('lookup');
      expect(logs).toContain('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10');
      expect(logs).toContain(`Name:\tweb.default.svc.cluster.local\nAddress: ${web.spec?.clusterIP}`);
      for (const ip of ips) expect(logs).toContain(`Name:\tweb-headless.default.svc.cluster.local\nAddress: ${ip}`);
      expect(logs).toContain('<title>Welcome to nginx!</title>');
    },
  },
  deployment: {
    within: 60,
    async check(s) {
      const pods = await s.podsOf('web');
      expect(pods.filter(isReady)).toHaveLength(4);
    },
    then: {
      edit: (t) => t.replace('image: nginx:1.27', 'image: nginx:1.28'),
      within: 180,
      async check(s) {
        const pods = (await s.podsOf('web')).filter((p) => !p.metadata?.deletionTimestamp);
        expect(pods.map((p) => p.spec?.containers[0]?.image)).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28', 'nginx:1.28']);
        expect(pods.every(isReady)).toBe(true);
        const rs = (await s.c.client().replicasets('default').list()).items.map((r) => `${r.spec?.replicas}`);
        expect(rs.sort()).toEqual(['0', '4']);
        const steps = (await s.events()).filter((e) => e.startsWith('ScalingReplicaSet'));
        // maxSurge 1, maxUnavailable 0: one pod at a time, the old set shrinking 4 → 3 → 2 → 1 → 0.
        for (const step of ['from 4 to 3', 'from 3 to 2', 'from 2 to 1', 'from 1 to 0']) expect(steps).toContainEqual(expect.stringContaining(step));
      },
    },
    stub: {
      settle: 30,
      within: 5,
      async check(s) {
        // Even the first rollout needs the arithmetic: no pod is created.
        expect(await s.podsOf('web')).toEqual([]);
        expect(todoErrors(s, 'deployment-controller').length).toBeGreaterThan(0);
      },
    },
  },
  nginx: {
    within: 30,
    async check(s) {
      const pods = await s.podsOf('nginx');
      running(pods, 3);
      expect(new Set(pods.map((p) => p.spec?.nodeName)).size).toBe(3);
    },
  },
  'service-wget': {
    within: 40,
    async check(s) {
      expect(phase(await s.pod('client'))).toBe('Succeeded');
      expect(await s.logs('client')).toContain('<title>Welcome to nginx!</title>');
    },
  },
  'statefulset-web': {
    within: 40,
    async check(s) {
      const pods = await s.podsOf('web');
      expect(pods.map((p) => `${p.metadata?.name} ${isReady(p)}`)).toEqual(['web-0 true', 'web-1 true']);
      expect(Date.parse(pods[1]!.metadata!.creationTimestamp!)).toBeGreaterThan(Date.parse(pods[0]!.metadata!.creationTimestamp!));
    },
  },
  job: {
    within: 30,
    async check(s) {
      const pods = await s.podsOf('pi');
      expect(pods.map(phase)).toEqual(['Succeeded', 'Succeeded']);
      for (const p of pods) expect(await s.logs(p.metadata!.name!)).toBe('3.14159');
    },
  },
};


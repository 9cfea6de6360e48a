{{/*
The one workload helper: every object of one component. Argument: (list $ key).
ConfigMap, ServiceAccount, Service, Deployment, HPA, PDB, NetworkPolicy, Ingress.
*/}}
{{- define "newsroom.workload" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $c := index $root.Values $key -}}
{{- $name := include "newsroom.componentName" (list $root $key) -}}
{{- $v := $root.Values -}}
{{- if and $c.ingress.enabled (not $c.public) -}}
{{- fail (printf "%s.ingress.enabled needs %s.public: only public components take traffic from outside" $key $key) -}}
{{- end }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $name }}
  labels:
    {{- include "newsroom.labels" (list $root $key) | nindent 4 }}
data:
  {{- include "newsroom.settings" (list $root $key) | nindent 2 }}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ $name }}
  labels:
    {{- include "newsroom.labels" (list $root $key) | nindent 4 }}
automountServiceAccountToken: false
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  labels:
    {{- include "newsroom.labels" (list $root $key) | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "newsroom.selectorLabels" (list $root $key) | nindent 4 }}
  ports:
    {{- if $c.ports.grpc }}
    - name: grpc
      port: {{ $c.ports.grpc }}
      targetPort: grpc
      appProtocol: grpc
    {{- end }}
    - name: http
      port: {{ $c.ports.http }}
      targetPort: http
      appProtocol: http
    {{- if $c.ports.web }}
    - name: web
      port: {{ $c.ports.web }}
      targetPort: web
      appProtocol: http
    {{- end }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "newsroom.labels" (list $root $key) | nindent 4 }}
spec:
  {{- if not $c.autoscaling.enabled }}
  replicas: {{ $c.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "newsroom.selectorLabels" (list $root $key) | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: {{ $c.rollingUpdate.maxSurge }}
      maxUnavailable: {{ $c.rollingUpdate.maxUnavailable }}
  template:
    metadata:
      labels:
        {{- include "newsroom.labels" (list $root $key) | nindent 8 }}
      annotations:
        checksum/settings: {{ include "newsroom.settings" (list $root $key) | sha256sum }}
        {{- with $c.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      {{- include "newsroom.podSpec" (list $root $key "serve") | nindent 6 }}
{{- if $c.autoscaling.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ $name }}
  labels:
    {{- include "newsroom.labels" (list $root $key) | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ $name }}
  minReplicas: {{ $c.autoscaling.minReplicas }}
  maxReplicas: {{ $c.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $c.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
{{- if $c.pdb.enabled }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $name }}
  labels:
    {{- include "newsroom.labels" (list $root $key) | nindent 4 }}
spec:
  maxUnavailable: {{ $c.pdb.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "newsroom.selectorLabels" (list $root $key) | nindent 6 }}
{{- end }}
{{- if $v.networkPolicy.enabled }}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ $name }}
  labels:
    {{- include "newsroom.labels" (list $root $key) | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "newsroom.selectorLabels" (list $root $key) | nindent 6 }}
  policyTypes: [Ingress, Egress]
  ingress:
    # the release's own components (the gateway calls the services, services call each other)
    - from:
        - podSelector:
            matchLabels:
              {{- include "newsroom.releaseSelector" $root | nindent 14 }}
      ports:
        {{- if $c.ports.grpc }}
        - {port: grpc, protocol: TCP}
        {{- end }}
        - {port: http, protocol: TCP}
        {{- if $c.ports.web }}
        - {port: web, protocol: TCP}
        {{- end }}
    {{- if $c.public }}
    # public components: from the ingress controller (or anywhere when ingressFrom is empty)
    - ports:
        - {port: {{ include "newsroom.servingPort" $c }}, protocol: TCP}
      {{- with $v.networkPolicy.ingressFrom }}
      from:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- end }}
    {{- with $v.networkPolicy.metricsFrom }}
    - from:
        {{- toYaml . | nindent 8 }}
      ports:
        - {port: http, protocol: TCP}
    {{- end }}
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ $v.networkPolicy.dnsNamespace }}
      ports:
        - {port: 53, protocol: UDP}
        - {port: 53, protocol: TCP}
    - to:
        - podSelector:
            matchLabels:
              {{- include "newsroom.releaseSelector" $root | nindent 14 }}
    {{- if $c.database }}
    - to:
        {{- range $v.networkPolicy.egressCidrs.postgresql }}
        - ipBlock: {cidr: {{ . }}}
        {{- end }}
      ports:
        - {port: {{ $v.postgresql.port }}, protocol: TCP}
    {{- end }}
    {{- if $c.uses.kafka }}
    - to:
        {{- range $v.networkPolicy.egressCidrs.kafka }}
        - ipBlock: {cidr: {{ . }}}
        {{- end }}
      ports:
        {{- $brokerPorts := list }}
        {{- range $broker := splitList "," $v.kafka.bootstrap }}
        {{- $brokerPorts = append $brokerPorts (regexReplaceAll "^.*:" (trim $broker) "" | int) }}
        {{- end }}
        {{- range $port := $brokerPorts | uniq }}
        - {port: {{ $port }}, protocol: TCP}
        {{- end }}
    {{- end }}
    {{- if $c.uses.keycloak }}
    {{- $url := urlParse $v.keycloak.url }}
    - to:
        {{- range $v.networkPolicy.egressCidrs.keycloak }}
        - ipBlock: {cidr: {{ . }}}
        {{- end }}
      ports:
        {{- if contains ":" $url.host }}
        - {port: {{ regexReplaceAll "^.*:" $url.host "" | int }}, protocol: TCP}
        {{- else }}
        - {port: {{ ternary 443 80 (eq $url.scheme "https") }}, protocol: TCP}
        {{- end }}
    {{- end }}
    {{- if $c.uses.s3 }}
    - to:
        {{- range $v.networkPolicy.egressCidrs.s3 }}
        - ipBlock: {cidr: {{ . }}}
        {{- end }}
      ports:
        - {port: {{ regexReplaceAll "^.*:" $v.s3.endpoint "" | int }}, protocol: TCP}
    {{- end }}
{{- end }}
{{- if $c.ingress.enabled }}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ $name }}
  labels:
    {{- include "newsroom.labels" (list $root $key) | nindent 4 }}
  {{- with $c.ingress.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with $c.ingress.className }}
  ingressClassName: {{ . }}
  {{- end }}
  {{- if $c.ingress.tlsSecret }}
  tls:
    - hosts: [{{ $c.ingress.host | quote }}]
      secretName: {{ $c.ingress.tlsSecret }}
  {{- end }}
  rules:
    - host: {{ $c.ingress.host | quote }}
      http:
        paths:
          - path: {{ $c.ingress.path }}
            pathType: Prefix
            backend:
              service:
                name: {{ $name }}
                port:
                  name: {{ include "newsroom.servingPort" $c }}
{{- end }}
{{- end -}}

{{/*
Pod spec of a component's Deployment ("serve") or of its migration Job ("migrate").
Argument: (list $ key mode).
*/}}
{{- define "newsroom.podSpec" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $mode := index . 2 -}}
{{- $c := index $root.Values $key -}}
{{- $v := $root.Values -}}
{{- $name := include "newsroom.componentName" (list $root $key) -}}
{{- if eq $mode "serve" }}
serviceAccountName: {{ $name }}
{{- else }}
restartPolicy: Never
{{- end }}
automountServiceAccountToken: false
enableServiceLinks: false
{{- if $v.network.hostNetwork }}
hostNetwork: true
dnsPolicy: ClusterFirstWithHostNet
{{- end }}
{{- with $v.image.pullSecrets }}
imagePullSecrets:
  {{- range . }}
  - name: {{ . }}
  {{- end }}
{{- end }}
securityContext:
  {{- toYaml $v.podSecurityContext | nindent 2 }}
{{- if eq $mode "serve" }}
terminationGracePeriodSeconds: {{ $c.terminationGracePeriodSeconds }}
{{- if $c.topologySpread }}
topologySpreadConstraints:
  {{- range $topologyKey := list "topology.kubernetes.io/zone" "kubernetes.io/hostname" }}
  - maxSkew: 1
    topologyKey: {{ $topologyKey }}
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "newsroom.selectorLabels" (list $root $key) | nindent 8 }}
  {{- end }}
{{- end }}
{{- end }}
{{- with $c.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with $c.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
containers:
  - name: {{ if eq $mode "serve" }}{{ $key | kebabcase }}{{ else }}migrate{{ end }}
    image: {{ include "newsroom.image" (list $root $c) }}
    imagePullPolicy: {{ $v.image.pullPolicy }}
    {{- if eq $mode "serve" }}
    command: {{ toJson $c.command }}
    {{- else }}
    command: ["python", "-m", "newsroom_core.migrate", {{ $c.migrationsFrom | quote }}]
    {{- end }}
    securityContext:
      {{- toYaml $v.containerSecurityContext | nindent 6 }}
    {{- if eq $mode "serve" }}
    envFrom:
      - configMapRef:
          name: {{ $name }}
    {{- with include "newsroom.secretEnv" (list $root $key) | trim }}
    env:
      {{- . | nindent 6 }}
    {{- end }}
    {{- else }}
    env:
      {{- range $envName, $envValue := include "newsroom.settings" (list $root $key) | fromYaml }}
      - name: {{ $envName }}
        value: {{ $envValue | quote }}
      {{- end }}
      {{- include "newsroom.secretEnv" (list $root $key) | nindent 6 }}
    {{- end }}
    {{- if eq $mode "serve" }}
    ports:
      {{- if $c.ports.grpc }}
      - {name: grpc, containerPort: {{ $c.ports.grpc }}, protocol: TCP}
      {{- end }}
      - {name: http, containerPort: {{ $c.ports.http }}, protocol: TCP}
      {{- if $c.ports.web }}
      - {name: web, containerPort: {{ $c.ports.web }}, protocol: TCP}
      {{- end }}
    {{- if and (eq $c.probes.port "web") (not $c.ports.web) }}
    {{- fail (printf "%s.probes.port is web but %s.ports.web is 0" $key $key) }}
    {{- end }}
    {{- $http := dict "port" $c.probes.port }}
    {{- if $c.probes.host }}{{- $_ := set $http "host" $c.probes.host }}{{- end }}
    startupProbe:
      httpGet: {{ merge (dict "path" "/healthz") $http | toJson }}
      periodSeconds: 2
      failureThreshold: {{ div $c.probes.startupSeconds 2 }}
    livenessProbe:
      {{- if and $c.probes.grpc $c.ports.grpc }}
      grpc: {port: {{ $c.ports.grpc }}}
      {{- else }}
      httpGet: {{ merge (dict "path" "/healthz") $http | toJson }}
      {{- end }}
      periodSeconds: {{ mul $c.probes.periodSeconds 2 }}
      timeoutSeconds: 2
      failureThreshold: {{ $c.probes.failureThreshold }}
    readinessProbe:
      httpGet: {{ merge (dict "path" "/readyz") $http | toJson }}
      periodSeconds: {{ $c.probes.periodSeconds }}
      timeoutSeconds: 2
      failureThreshold: {{ $c.probes.failureThreshold }}
    lifecycle:
      preStop:
        sleep: {seconds: {{ $c.preStopSleepSeconds }}}
    {{- end }}
    resources:
      {{- toYaml $c.resources | nindent 6 }}
    volumeMounts:
      - {name: tmp, mountPath: /tmp}
volumes:
  - name: tmp
    emptyDir:
      {{- with $c.tmp.medium }}
      medium: {{ . }}
      {{- end }}
      sizeLimit: {{ $c.tmp.sizeLimit }}
{{- end -}}

{{/* Names, labels and the per-component data every template shares. */}}

{{- define "newsroom.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "newsroom.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Component keys: every top-level map with an envPrefix (values.schema.json's definitions/component). */}}
{{- define "newsroom.componentKeys" -}}
{{- $keys := list -}}
{{- range $key, $value := .Values -}}
{{- if and (kindIs "map" $value) (hasKey $value "envPrefix") -}}
{{- $keys = append $keys $key -}}
{{- end -}}
{{- end -}}
{{- toJson (sortAlpha $keys) -}}
{{- end -}}

{{/* Object name of component KEY: <fullname>-<kebab-case key>. Argument: (list $ key). */}}
{{- define "newsroom.componentName" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s" (include "newsroom.fullname" $root) (index . 1 | kebabcase) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "newsroom.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ include "newsroom.name" $root }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 | kebabcase }}{{ if gt (len .) 2 }}-{{ index . 2 }}{{ end }}
{{- end -}}

{{- define "newsroom.labels" -}}
{{- $root := index . 0 -}}
{{ include "newsroom.selectorLabels" . }}
app.kubernetes.io/part-of: newsroom
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" $root.Chart.Name $root.Chart.Version | replace "+" "_" }}
newsroom.io/tenant: {{ $root.Values.tenant.slug }}
{{- end -}}

{{/* Labels of every pod of this release (NetworkPolicy peers). */}}
{{- define "newsroom.releaseSelector" -}}
app.kubernetes.io/name: {{ include "newsroom.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "newsroom.image" -}}
{{- $root := index . 0 -}}
{{- $c := index . 1 -}}
{{- $tag := $c.image.tag | default $root.Values.image.tag | default $root.Chart.AppVersion -}}
{{- $repo := $c.image.repository -}}
{{- if $root.Values.image.registry -}}
{{- $repo = printf "%s/%s" (trimSuffix "/" $root.Values.image.registry) $repo -}}
{{- end -}}
{{- printf "%s:%s" $repo $tag -}}
{{- end -}}

{{/* gRPC address of component KEY as seen by the others. Argument: (list $ key). */}}
{{- define "newsroom.upstream" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $target := index $root.Values $key -}}
{{- if not $target.ports.grpc -}}
{{- fail (printf "upstream %s has no gRPC port" $key) -}}
{{- end -}}
{{- printf "%s:%v" (include "newsroom.upstreamHost" (list $root $key)) $target.ports.grpc -}}
{{- end -}}

{{/* Host the others reach component KEY on: network.upstreamHost, else its Service. */}}
{{- define "newsroom.upstreamHost" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $root.Values.network.upstreamHost | default (printf "%s.%s.svc.%s" (include "newsroom.componentName" (list $root $key)) $root.Release.Namespace $root.Values.network.clusterDomain) -}}
{{- end -}}

{{/* The port a component serves its public HTTP on: ports.web when it has one, else ports.http. */}}
{{- define "newsroom.servingPort" -}}
{{- $c := . -}}
{{- if $c.ports.web }}web{{ else }}http{{ end -}}
{{- end -}}

{{/* HTTP base URL of component KEY as seen by the others. Argument: (list $ key). */}}
{{- define "newsroom.httpUpstream" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $target := index $root.Values $key -}}
{{- printf "http://%s:%v" (include "newsroom.upstreamHost" (list $root $key)) (index $target.ports (include "newsroom.servingPort" $target)) -}}
{{- end -}}

{{/* Public URL of component KEY: its Ingress' (https with a TLS Secret), else, when every
component is reached on one host (network.upstreamHost, the local profile), that host's;
else nothing. KEY `s3` is the object store (s3.endpoint: the presigned URLs browsers
upload to point there). Argument: (list $ key). */}}
{{- define "newsroom.publicUrl" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- if eq $key "s3" -}}
{{- printf "%s://%s" (ternary "https" "http" $root.Values.s3.secure) $root.Values.s3.endpoint -}}
{{- else -}}
{{- $target := index $root.Values $key -}}
{{- if and $target.enabled $target.ingress.enabled $target.ingress.host -}}
{{- printf "%s://%s%s" (ternary "https" "http" (not (empty $target.ingress.tlsSecret))) $target.ingress.host (trimSuffix "/" $target.ingress.path) -}}
{{- else if and $target.enabled $root.Values.network.upstreamHost -}}
{{- include "newsroom.httpUpstream" (list $root $key) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The component's plain settings (ConfigMap data, and the migration Job's env). */}}
{{- define "newsroom.settings" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $c := index $root.Values $key -}}
{{- $p := $c.envPrefix -}}
{{- $v := $root.Values -}}
{{ $p }}ENVIRONMENT: {{ $v.environment | quote }}
{{ $p }}LOG__LEVEL: {{ $v.logLevel | quote }}
{{ $p }}LOG__JSON: "true"
{{ $p }}HTTP__HOST: {{ $v.network.bindAddress | quote }}
{{ $p }}HTTP__PORT: {{ $c.ports.http | quote }}
{{- if $c.ports.web }}
{{ $p }}WEB__HOST: {{ $v.network.bindAddress | quote }}
{{ $p }}WEB__PORT: {{ $c.ports.web | quote }}
{{- end }}
{{- if $c.ports.grpc }}
{{ $p }}GRPC__HOST: {{ $v.network.bindAddress | quote }}
{{ $p }}GRPC__PORT: {{ $c.ports.grpc | quote }}
{{- end }}
{{- if $c.uses.kafka }}
{{ $p }}KAFKA__BOOTSTRAP: {{ $v.kafka.bootstrap | quote }}
{{- if $v.kafka.topicPrefix }}
{{ $p }}KAFKA__GROUP_PREFIX: {{ $v.kafka.topicPrefix | quote }}
{{- end }}
{{- end }}
{{- if $c.uses.keycloak }}
{{- $kc := printf "%s%s__" $p $c.keycloak.settings }}
{{ $kc }}URL: {{ $v.keycloak.url | quote }}
{{- if $v.keycloak.publicUrl }}
{{ $kc }}PUBLIC_URL: {{ $v.keycloak.publicUrl | quote }}
{{- end }}
{{ $kc }}REALM: {{ $v.keycloak.realm | quote }}
{{- if $c.keycloak.clientId }}
{{ $kc }}CLIENT_ID: {{ $c.keycloak.clientId | quote }}
{{- end }}
{{- if $c.keycloak.audience }}
{{ $kc }}AUDIENCE: {{ $c.keycloak.audience | quote }}
{{- end }}
{{- end }}
{{- if $c.uses.s3 }}
{{ $p }}STORAGE__ENDPOINT: {{ $v.s3.endpoint | quote }}
{{ $p }}STORAGE__SECURE: {{ $v.s3.secure | quote }}
{{ $p }}STORAGE__REGION: {{ $v.s3.region | quote }}
{{ $p }}STORAGE__BUCKET: {{ $v.s3.bucket | quote }}
{{- end }}
{{- range $suffix, $upstream := $c.upstreams }}
{{ $p }}{{ $suffix }}: {{ include "newsroom.upstream" (list $root $upstream) | quote }}
{{- end }}
{{- range $suffix, $upstream := $c.httpUpstreams }}
{{ $p }}{{ $suffix }}: {{ include "newsroom.httpUpstream" (list $root $upstream) | quote }}
{{- end }}
{{- range $suffix, $target := $c.publicUrls }}
{{- $targetKey := index (regexSplit "/" $target 2) 0 }}
{{- with include "newsroom.publicUrl" (list $root $targetKey) }}
{{ $p }}{{ $suffix }}: {{ printf "%s%s" . (trimPrefix $targetKey $target) | quote }}
{{- end }}
{{- end }}
{{- range $suffix, $topic := $c.topics }}
{{ $p }}{{ $suffix }}: {{ printf "%s%s" $v.kafka.topicPrefix $topic | quote }}
{{- end }}
{{- range $suffix, $field := $c.tenantSettings }}
{{ $p }}{{ $suffix }}: {{ index $v.tenant $field | quote }}
{{- end }}
{{- range $name, $value := $c.env }}
{{ $name }}: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/* Env entries that come from Secrets, and the DB URL built from the password. */}}
{{- define "newsroom.secretEnv" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- $c := index $root.Values $key -}}
{{- $p := $c.envPrefix -}}
{{- $v := $root.Values -}}
{{- if and $c.uses.identity $v.identity.existingSecret }}
- name: {{ $p }}IDENTITY__SECRET
  valueFrom:
    secretKeyRef: {name: {{ $v.identity.existingSecret }}, key: {{ $v.identity.secretKey }}}
{{- end }}
{{- if $c.database }}
{{- $pg := $v.postgresql }}
{{- $password := "" }}
{{- if $pg.existingSecret }}
{{- $password = ":$(NEWSROOM_DB_PASSWORD)" }}
- name: NEWSROOM_DB_PASSWORD
  valueFrom:
    secretKeyRef: {name: {{ $pg.existingSecret }}, key: {{ $pg.passwordKey }}}
{{- end }}
- name: {{ $p }}DB__URL
  value: {{ printf "postgresql+psycopg://%s%s@%s:%v/%s%s?sslmode=%s" $pg.username $password $pg.host $pg.port $pg.databasePrefix $c.database $pg.sslmode | quote }}
{{- end }}
{{- if and $c.uses.keycloak $c.keycloak.clientId $v.keycloak.existingSecret }}
- name: {{ $p }}{{ $c.keycloak.settings }}__CLIENT_SECRET
  valueFrom:
    secretKeyRef: {name: {{ $v.keycloak.existingSecret }}, key: {{ $c.keycloak.clientId }}}
{{- end }}
{{- if and $c.uses.s3 $v.s3.existingSecret }}
- name: {{ $p }}STORAGE__ACCESS_KEY
  valueFrom:
    secretKeyRef: {name: {{ $v.s3.existingSecret }}, key: {{ $v.s3.accessKeyKey }}}
- name: {{ $p }}STORAGE__SECRET_KEY
  valueFrom:
    secretKeyRef: {name: {{ $v.s3.existingSecret }}, key: {{ $v.s3.secretKeyKey }}}
{{- end }}
{{- range $suffix, $ref := $c.secretEnv }}
{{- if $ref.name }}
- name: {{ $p }}{{ $suffix }}
  valueFrom:
    secretKeyRef: {name: {{ $ref.name }}, key: {{ $ref.key }}}
{{- end }}
{{- end }}
{{- end -}}

{{/* Refuse a prod release without the secrets prod needs. */}}
{{- define "newsroom.checkValues" -}}
{{- $v := .Values -}}
{{- if eq $v.environment "prod" -}}
{{- if not $v.identity.existingSecret -}}
{{- fail "identity.existingSecret is required when environment is prod (the services refuse the dev key)" -}}
{{- end -}}
{{- if not $v.postgresql.existingSecret -}}
{{- fail "postgresql.existingSecret is required when environment is prod" -}}
{{- end -}}
{{- range $key := include "newsroom.componentKeys" . | fromJsonArray -}}
{{- $c := index $v $key -}}
{{- if and $c.enabled $c.uses.keycloak $c.keycloak.clientId (not $v.keycloak.existingSecret) -}}
{{- fail (printf "keycloak.existingSecret is required when environment is prod (%s is Keycloak client %s)" $key $c.keycloak.clientId) -}}
{{- end -}}
{{- if $c.enabled -}}
{{- range $suffix, $ref := $c.secretEnv -}}
{{- if not $ref.name -}}
{{- fail (printf "%s.secretEnv.%s.name is required when environment is prod (the Secret holding %s%s)" $key $suffix $c.envPrefix $suffix) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if and $c.enabled $c.uses.s3 (not $v.s3.existingSecret) -}}
{{- fail (printf "s3.existingSecret is required when environment is prod (%s uses S3)" $key) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}

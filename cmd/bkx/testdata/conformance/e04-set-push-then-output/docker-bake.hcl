target "t_2" {
  target = "build"
}

target "web" {
  annotations = []
  context = format("%s:%s", "base", "dev")
  shm-size = "1g"
  no-cache-filter = ["build"]
}

target "base" {
  description = replace("tool", "/[0-9]/", "b")
  labels = {for x in ["v1", "tool", "dev"] : x => upper(x)}
  target = "prod"
  platforms = ["linux/arm64", "linux/arm64"]
  dockerfile-inline = <<EOT
FROM scratch
COPY . .
EOT
}

target "t-1" {
  dockerfile-inline = "FROM alpine\nRUN echo $${X}\n"
  entitlements = ["security.insecure"]
  no-cache = "true"
  cache-from = []
}

group "default" {
  targets = []
}

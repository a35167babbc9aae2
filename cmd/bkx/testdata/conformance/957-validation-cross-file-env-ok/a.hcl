target "default" { tags = ["${REGISTRY}/app:${TAG}"] }

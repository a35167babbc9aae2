// origin: frappe/frappe_docker docker-bake.hcl (reduced)
# Docker Buildx Bake build definition file

target "frappe-nginx" {
    dockerfile = "build/frappe-nginx/Dockerfile"
}

target "frappe-worker" {
    dockerfile = "build/frappe-worker/Dockerfile"
}

target "erpnext-nginx" {
    dockerfile = "build/erpnext-nginx/Dockerfile"
}

# Helpers

target "develop-args" {
    args = {
        GIT_BRANCH = "develop"
        IMAGE_TAG = "develop"
    }
}

function "set_develop_tags" {
    params = [repo]
    result = ["${repo}:latest", "${repo}:edge", "${repo}:develop"]
}

# NOTE: Variable are used only for stable builds
variable "GIT_TAG" {}  # git tag, e.g. v13.15.0
variable "GIT_BRANCH" {}  # git branch, e.g. version-13
variable "VERSION" {}  # Frappe and ERPNext version, e.g. 13

target "stable-args" {
    args = {
        GIT_BRANCH = "${GIT_BRANCH}"
        IMAGE_TAG = "${GIT_BRANCH}"
        # ERPNext build fails on v12
        # TODO: Remove PYTHON_VERSION argument when v12 will stop being supported
        PYTHON_VERSION = "${VERSION}" == "12" ? "3.7" : "3.9"
    }
}

function "set_stable_tags" {
    # e.g. base_image:v13.15.0, base_image:v13, base_image:version-13
    params = [repo]
    result = ["${repo}:${GIT_TAG}", "${repo}:v${VERSION}", "${repo}:${GIT_BRANCH}"]
}

target "test-erpnext-args" {
    args = {
        IMAGE_TAG = "test"
        DOCKER_REGISTRY_PREFIX = "localhost:5000/frappe"
    }
}

function "set_local_test_tags" {
    params = [repo]
    result = ["localhost:5000/${repo}:test"]
}

function "set_test_tags" {
    params = [repo]
    result = ["${repo}:test"]
}

target "frappe-nginx-develop" {
    inherits = ["frappe-nginx", "develop-args"]
    tags = set_develop_tags("frappe/frappe-nginx")
}

target "frappe-worker-develop" {
    inherits = ["frappe-worker", "develop-args"]
    tags = set_develop_tags("frappe/frappe-worker")
}

target "erpnext-nginx-develop" {
    inherits = ["erpnext-nginx", "develop-args"]
    tags = set_develop_tags("frappe/erpnext-nginx")
}

group "frappe-develop" {
    targets = ["frappe-nginx-develop", "frappe-worker-develop"]
}

target "frappe-nginx-develop-test-local" {
    inherits = ["frappe-nginx-develop"]
    tags = set_local_test_tags("frappe/frappe-nginx")
}

target "erpnext-nginx-develop-test" {
    inherits = ["erpnext-nginx-develop", "test-erpnext-args"]
    tags = set_test_tags("frappe/erpnext-nginx")
}

group "erpnext-develop-test" {
    targets = ["erpnext-nginx-develop-test"]
}

target "frappe-nginx-stable" {
    inherits = ["frappe-nginx", "stable-args"]
    tags = set_stable_tags("frappe/frappe-nginx")
}

target "frappe-worker-stable" {
    inherits = ["frappe-worker", "stable-args"]
    tags = set_stable_tags("frappe/frappe-worker")
}

target "erpnext-nginx-stable-test" {
    inherits = ["frappe-nginx-stable", "test-erpnext-args"]
    tags = set_test_tags("frappe/erpnext-nginx")
}

group "frappe-stable" {
    targets = ["frappe-nginx-stable", "frappe-worker-stable"]
}

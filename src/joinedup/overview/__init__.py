"""The pages that gather every capability: a workspace's home and a
partnership's page. They live above the apps they gather, so that the base
apps (workspaces, organisations, partnerships) import no capability."""

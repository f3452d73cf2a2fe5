# syntax=docker/dockerfile:1.7
#
# One image for every aidflow process; docker-compose.yml picks the command:
#   api     node -r ./scripts/register-dist-paths.js dist/apps/api/src/main.js      (the default CMD)
#   worker  node -r ./scripts/register-dist-paths.js dist/apps/worker/src/main.js
#   migrate node -r ./scripts/register-dist-paths.js dist/scripts/migrate.js
# The worker loads the workflow bundle built here (WORKFLOW_BUNDLE_PATH) instead of bundling at start.

ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# ---- build: full install, compile, bundle the workflows, then drop the dev dependencies ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
# package.json's `allowScripts` policy (which install scripts may run) needs npm 11; the base image ships npm 10.
RUN npm install --global npm@11.19.1
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
RUN npm run build \
 && node -r ./scripts/register-dist-paths.js dist/scripts/bundle-workflows.js dist/workflow-bundle.js \
 && npm prune --omit=dev

# ---- runtime: compiled code, production node_modules, no compiler, no npm cache, non-root ----
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
# tsconfig.json and scripts/register-dist-paths.js resolve the @aidflow/* path aliases inside dist/ at run time.
COPY --from=build /app/package.json /app/tsconfig.json ./
COPY --from=build /app/scripts/register-dist-paths.js ./scripts/register-dist-paths.js
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The web app the API serves at / (apps/api/src/web-app.ts finds it next to package.json).
COPY --from=build /app/apps/web/dist ./apps/web/dist
USER node
EXPOSE 3000
CMD ["node", "-r", "./scripts/register-dist-paths.js", "dist/apps/api/src/main.js"]

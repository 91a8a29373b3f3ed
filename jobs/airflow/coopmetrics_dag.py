"""Airflow DAG: the coopmetrics nightly report through spark-submit, as of the run's logical date ({{ ds }}).

Needs apache-airflow-providers-apache-spark and a Spark connection (`spark_default`) pointing at the cluster.
The jar is the one `mvn -B -DskipTests package` builds (target/coopmetrics-<version>.jar), copied where the
workers can read it. Exit code 3 (quality gate) fails the task: nothing was published, see the quarantine
under <output>/_rejected/<run_id>/.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

JAR = "/opt/coopmetrics/coopmetrics-0.2.0.jar"

with DAG(
    dag_id="coopmetrics_nightly",
    start_date=datetime(2025, 1, 1),
    schedule="30 2 * * *",
    catchup=False,
    max_active_runs=1,  # reports are published whole: never two runs on one output at once
    default_args={"retries": 1, "retry_delay": timedelta(minutes=15)},
) as dag:
    SparkSubmitOperator(
        task_id="coopmetrics_run",
        conn_id="spark_default",
        application=JAR,
        java_class="org.coopmetrics.cli.CoopMetrics",
        application_args=[
            "run",
            "--input", "hdfs:///coopmetrics/curated",
            "--output", "hdfs:///coopmetrics/reports",
            "--as-of", "{{ ds }}",
            "--grain", "month,quarter,year",
        ],
        conf={"spark.sql.adaptive.enabled": "true"},
    )
